/// mimalloc rather than the system allocator: see Cargo.toml and README, "Speed".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    byline::cli::main()
}
