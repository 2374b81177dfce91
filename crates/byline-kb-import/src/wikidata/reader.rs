//! Reading a dump one entity line at a time, whatever its compression.
//!
//! Full dumps are over 100 GB uncompressed, so nothing here holds more than one line.
//! The compression is recognised by the file's magic bytes rather than its name, and
//! the decoders are the multi-stream ones: Wikimedia's bzip2 dumps (and gzip files
//! joined with `cat`) are several streams back to back, and a single-stream decoder
//! would silently stop after the first.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use bzip2::read::MultiBzDecoder;
use flate2::read::MultiGzDecoder;

/// Buffer size for the compressed and decompressed streams.
const BUFFER: usize = 1 << 20;

/// The dump's compression, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Plain,
    Gzip,
    Bzip2,
}

impl Compression {
    fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(b"BZh") {
            Compression::Bzip2
        } else {
            Compression::Plain
        }
    }
}

/// An I/O or decompression error, with the number of the line being read.
pub type LineError = (usize, std::io::Error);

/// Lines of a dump with their 1-based numbers.
pub struct DumpLines {
    inner: Box<dyn BufRead>,
    buffer: Vec<u8>,
    line: usize,
}

/// Opens `path`, passing the raw (compressed) bytes through `wrap` so a caller can
/// count them for a progress bar.
pub fn open(
    path: &Path,
    wrap: impl FnOnce(File) -> Box<dyn Read>,
) -> std::io::Result<(DumpLines, Compression)> {
    let mut raw = BufReader::with_capacity(BUFFER, wrap(File::open(path)?));
    let compression = Compression::sniff(raw.fill_buf()?);
    let inner: Box<dyn BufRead> = match compression {
        Compression::Plain => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::with_capacity(BUFFER, MultiGzDecoder::new(raw))),
        Compression::Bzip2 => Box::new(BufReader::with_capacity(BUFFER, MultiBzDecoder::new(raw))),
    };
    Ok((
        DumpLines {
            inner,
            buffer: Vec::new(),
            line: 0,
        },
        compression,
    ))
}

impl DumpLines {
    /// The next line holding an entity, with its line number, stripped of the array
    /// punctuation of the official format (`[`, `]`, trailing `,`); `None` at the end.
    /// An I/O or decompression error carries the number of the line being read.
    pub fn next_entity(&mut self) -> Result<Option<(usize, &[u8])>, LineError> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let read = self
                .inner
                .read_until(b'\n', &mut self.buffer)
                .map_err(|e| (self.line, e))?;
            if read == 0 {
                return Ok(None);
            }
            let (start, end) = entity_span(&self.buffer);
            if start < end {
                return Ok(Some((self.line, &self.buffer[start..end])));
            }
        }
    }
}

/// The byte range of a line that holds the entity object; empty for `[`, `]` and blank
/// lines.
fn entity_span(line: &[u8]) -> (usize, usize) {
    let mut end = line.len();
    while end > 0 && line[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if end > 0 && line[end - 1] == b',' {
        end -= 1;
    }
    let mut start = 0;
    while start < end && line[start].is_ascii_whitespace() {
        start += 1;
    }
    match &line[start..end] {
        b"[" | b"]" => (0, 0),
        _ => (start, end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_punctuation_is_stripped() {
        let span = |l: &[u8]| {
            let (s, e) = entity_span(l);
            l[s..e].to_vec()
        };
        assert_eq!(span(b"[\n"), b"");
        assert_eq!(span(b"]"), b"");
        assert_eq!(span(b"{\"id\":\"Q1\"},\n"), b"{\"id\":\"Q1\"}");
        assert_eq!(span(b"{\"id\":\"Q1\"}\r\n"), b"{\"id\":\"Q1\"}");
        assert_eq!(span(b"  \n"), b"");
    }

    #[test]
    fn compression_is_sniffed() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(Compression::sniff(b"BZh91AY"), Compression::Bzip2);
        assert_eq!(Compression::sniff(b"[\n"), Compression::Plain);
    }
}
