//! What a newsroom keeps beside its stories, read and written for both adapters (the
//! language server and the command line): `.byline.toml` configuration, found by
//! walking up from a story, and the house KB that an editor's "add to house KB" grows.

pub mod config;
pub mod house;
pub mod paths;
