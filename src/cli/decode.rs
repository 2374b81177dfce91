//! A story's bytes as text, and the fixed text back as bytes in the story's own
//! encoding. Detection follows Firefox: a byte-order mark wins (UTF-8, UTF-16LE/BE);
//! then UTF-8 when the bytes are valid UTF-8; otherwise `chardetng`'s guess among the
//! legacy encodings (Windows-1252, ISO-8859-x, Shift_JIS, GBK…), decoded by
//! `encoding_rs`. `--encoding LABEL` forces one. The analysis only ever sees UTF-8.
//!
//! Nothing is decoded with replacement characters: bytes that are not valid in the
//! encoding, or a NUL byte (a binary file, or UTF-16 without a byte-order mark), make
//! the file an error with the line and byte of the first bad bytes. So is a file that is
//! valid UTF-8 but for a few stray bytes: decoding it as a legacy encoding would turn
//! every accented letter into mojibake ("ZoÃ«").

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded file: its text and how to write it back.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// The file started with a byte-order mark (kept when `--fix` writes it back).
    pub bom: bool,
}

/// Why bytes are not text, and where (`line` 1-based, `byte` a 0-based offset into
/// the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
    pub line: usize,
    pub byte: usize,
}

/// The encoding named by `--encoding` (any WHATWG label: `utf-8`, `latin1`,
/// `windows-1252`, `shift_jis`, `utf-16le`…).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, String> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) if encoding != encoding_rs::REPLACEMENT => Ok(encoding),
        _ => Err(format!(
            "--encoding: unknown encoding `{label}` (a WHATWG label such as utf-8, \
             windows-1252, latin1, iso-8859-2, shift_jis, utf-16le)"
        )),
    }
}

/// Decodes a file's bytes, detecting the encoding unless `forced`.
pub fn decode(bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    let bom = Encoding::for_bom(&bytes);
    let decoded = match (forced, bom) {
        (Some(encoding), Some((with_bom, len))) if with_bom == encoding => {
            strict(&bytes[len..], len, encoding, true, "")?
        }
        (Some(encoding), _) => strict(&bytes, 0, encoding, false, " (as --encoding says)")?,
        (None, Some((encoding, len))) => strict(
            &bytes[len..],
            len,
            encoding,
            true,
            " (its byte-order mark says so)",
        )?,
        (None, None) => match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text,
                encoding: UTF_8,
                bom: false,
            },
            Err(error) => {
                let bytes = error.into_bytes();
                if mostly_utf8(&bytes) {
                    let mut error = malformed(&bytes, 0, UTF_8, "");
                    error.message.push_str(
                        " (the rest of the file is UTF-8: fix those bytes, or name the \
                         encoding with --encoding)",
                    );
                    return Err(error);
                }
                let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
                detector.feed(&bytes, true);
                let guess = detector.guess(None, Utf8Detection::Deny);
                strict(&bytes, 0, guess, false, " (detected)")?
            }
        },
    };
    if let Some(nul) = decoded.text.find('\0') {
        let line = decoded.text[..nul].matches('\n').count() + 1;
        let bom = if decoded.bom {
            bom_len(decoded.encoding)
        } else {
            0
        };
        let byte = bom + encoded_len(&decoded.text[..nul], decoded.encoding);
        return Err(DecodeError {
            message: format!(
                "a NUL byte at line {line}, byte {byte}: a binary file, or UTF-16 without a \
                 byte-order mark (name it with --encoding utf-16le)"
            ),
            line,
            byte,
        });
    }
    Ok(decoded)
}

/// The length in bytes of `text` written in `encoding`.
fn encoded_len(text: &str, encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 {
        text.len()
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        2 * text.encode_utf16().count()
    } else {
        encoding.encode(text).0.len()
    }
}

fn bom_len(encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 {
        3
    } else {
        2
    }
}

/// Decodes `bytes` (the file after `offset` bytes of byte-order mark) without
/// replacement.
fn strict(
    bytes: &[u8],
    offset: usize,
    encoding: &'static Encoding,
    bom: bool,
    why: &str,
) -> Result<Decoded, DecodeError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding,
            bom,
        }),
        None => Err(malformed(bytes, offset, encoding, why)),
    }
}

/// The error for the first byte sequence of `bytes` that is not valid in `encoding`.
fn malformed(bytes: &[u8], offset: usize, encoding: &'static Encoding, why: &str) -> DecodeError {
    let (at, len) = first_malformed(bytes, encoding);
    let before = &bytes[..at];
    let line = if encoding.is_ascii_compatible() {
        before.iter().filter(|&&b| b == b'\n').count() + 1
    } else {
        encoding
            .decode_without_bom_handling(before)
            .0
            .matches('\n')
            .count()
            + 1
    };
    let shown: Vec<String> = bytes[at..(at + len).min(bytes.len())]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let byte = offset + at;
    DecodeError {
        message: format!(
            "not valid {}{why}: {} at line {line}, byte {byte}",
            encoding.name(),
            shown.join(" ")
        ),
        line,
        byte,
    }
}

/// Where the first malformed sequence starts, and its length (at least 1).
fn first_malformed(bytes: &[u8], encoding: &'static Encoding) -> (usize, usize) {
    if encoding == UTF_8 {
        if let Err(e) = std::str::from_utf8(bytes) {
            return (
                e.valid_up_to(),
                e.error_len().unwrap_or(bytes.len() - e.valid_up_to()),
            );
        }
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64 * 1024);
    let mut read_total = 0;
    loop {
        out.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return (bytes.len(), 0),
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(len, after) => {
                let len = usize::from(len).max(1);
                return (read_total - usize::from(after) - len, len);
            }
        }
    }
}

/// Whether bytes that are not valid UTF-8 are UTF-8 with a few stray bytes: more
/// valid multi-byte sequences than invalid ones. A legacy single-byte text almost never
/// holds a valid multi-byte sequence (an accented letter is followed by an ASCII one).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.bytes().filter(|b| b & 0xC0 == 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid += good.iter().filter(|&&b| b & 0xC0 == 0xC0).count();
                invalid += 1;
                rest = &after[e.error_len().unwrap_or(after.len())..];
            }
        }
    }
    valid > invalid
}

/// Whether `text` can be written in `encoding` (UTF-8 and UTF-16 write anything).
pub fn can_encode(encoding: &'static Encoding, text: &str) -> bool {
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return true;
    }
    !encoding.encode(text).2
}

/// `text` as the bytes of a file in `encoding` (with the byte-order mark when `bom`), or
/// why it cannot be written so.
pub fn encode(text: &str, encoding: &'static Encoding, bom: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let little = encoding == UTF_16LE;
        if bom {
            out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return Ok(out);
    }
    if encoding == UTF_8 {
        if bom {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    let (bytes, used, unmappable): (Cow<[u8]>, _, _) = encoding.encode(text);
    if unmappable || used != encoding {
        return Err(format!(
            "it has characters {} cannot write",
            encoding.name()
        ));
    }
    out.extend_from_slice(&bytes);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    const STORY_1252: &[u8] =
        b"General Valery Gerasimovis met Zo\xeb Fern\xe1ndez in Moscow \x96 the \x93talks\x94 went on.\n";

    #[test]
    fn utf8_is_taken_as_it_is_and_a_bom_is_dropped() {
        let plain = decode("Zoë\n".as_bytes().to_vec(), None).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding, plain.bom),
            ("Zoë\n", UTF_8, false)
        );
        let bom = decode(b"\xEF\xBB\xBFZo\xC3\xAB\n".to_vec(), None).unwrap();
        assert_eq!(
            (bom.text.as_str(), bom.encoding, bom.bom),
            ("Zoë\n", UTF_8, true)
        );
    }

    #[test]
    fn windows_1252_is_detected_and_round_trips() {
        let decoded = decode(STORY_1252.to_vec(), None).unwrap();
        assert_eq!(decoded.encoding, WINDOWS_1252);
        assert!(decoded.text.contains("Zoë Fernández"), "{}", decoded.text);
        assert!(decoded.text.contains("– the “talks”"), "{}", decoded.text);
        assert_eq!(
            encode(&decoded.text, WINDOWS_1252, false).unwrap(),
            STORY_1252
        );
    }

    #[test]
    fn utf16_with_a_bom_is_decoded_and_written_back_with_it() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Zoë Fernández\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(bytes.clone(), None).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("Zoë Fernández\n", UTF_16LE)
        );
        assert_eq!(encode(&decoded.text, UTF_16LE, true).unwrap(), bytes);
    }

    #[test]
    fn a_forced_encoding_that_does_not_fit_names_line_and_byte() {
        let error = decode(STORY_1252.to_vec(), Some(UTF_8)).unwrap_err();
        assert_eq!((error.line, error.byte), (1, 33));
        assert!(
            error
                .message
                .starts_with("not valid UTF-8 (as --encoding says): 0xEB at line 1, byte 33"),
            "{}",
            error.message
        );
        let latin1 = encoding_for_label("latin1").unwrap();
        assert_eq!(
            decode(STORY_1252.to_vec(), Some(latin1)).unwrap().encoding,
            WINDOWS_1252
        );
        assert!(encoding_for_label("klingon").is_err());
    }

    #[test]
    fn utf8_with_a_stray_byte_is_an_error_not_mojibake() {
        let bytes = b"Zo\xC3\xAB Fern\xC3\xA1ndez and Jos\xC3\xA9\nsaid caf\xE9 \xE2\x80\x94 no.\n"
            .to_vec();
        let error = decode(bytes, None).unwrap_err();
        assert_eq!((error.line, error.byte), (2, 34), "{}", error.message);
        assert!(error.message.contains("0xE9"), "{}", error.message);
    }

    #[test]
    fn a_nul_byte_is_an_error() {
        let error = decode(b"one\ntw\0o\n".to_vec(), None).unwrap_err();
        assert_eq!((error.line, error.byte), (2, 6));
    }

    #[test]
    fn only_representable_replacements_can_be_written() {
        assert!(can_encode(WINDOWS_1252, "Gerasimov Zoë –"));
        assert!(!can_encode(WINDOWS_1252, "Шойгу"));
        assert!(encode("Шойгу", WINDOWS_1252, false).is_err());
        assert!(can_encode(UTF_16LE, "Шойгу"));
    }
}
