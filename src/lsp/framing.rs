//! A framing guard in front of `tower-lsp-server`: it reads each `Content-Length`
//! frame itself and passes on only bodies that are whole JSON. A malformed body is
//! answered with a JSON-RPC parse error (-32700) and dropped, so one bad frame can
//! never make the codec swallow the frames after it (tower-lsp-server reads a
//! truncated JSON body as "incomplete" and waits for more).

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Frames larger than this are refused (and skipped) instead of buffered.
pub const MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;
const MAX_HEADER_LINE: usize = 8 * 1024;

/// One frame as read: a JSON body, or the reason it was refused.
enum Frame {
    Body(Vec<u8>),
    Refused(String),
}

/// Reads the next frame; `None` at end of input.
async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = (&mut *reader)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await
            .ok()?;
        if read == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        if let Some(value) = content_length(text) {
            length = value.parse().ok();
        }
    }
    let Some(length) = length else {
        return Some(Frame::Refused(
            "missing or invalid Content-Length header".into(),
        ));
    };
    if length > MAX_FRAME_BYTES {
        let mut skip = (&mut *reader).take(length as u64);
        tokio::io::copy(&mut skip, &mut tokio::io::sink())
            .await
            .ok()?;
        return Some(Frame::Refused(format!(
            "message of {length} bytes is over the {MAX_FRAME_BYTES}-byte limit"
        )));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(_) => Some(Frame::Body(body)),
        Err(error) => Some(Frame::Refused(format!("invalid JSON: {error}"))),
    }
}

/// The value of a `Content-Length` header in a header line. The name is looked for
/// anywhere in the line, not only at its start: when a frame declared a wrong length,
/// the rest of its body (or of the frame it ran into) runs on into the next frame's
/// header line, and finding the header there puts the reader back in step.
fn content_length(line: &str) -> Option<&str> {
    const NAME: &str = "content-length:";
    let at = line.to_ascii_lowercase().rfind(NAME)?;
    Some(line[at + NAME.len()..].trim())
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Copies well-formed frames from `input` to `server`; refused frames become parse
/// errors sent to `errors`.
pub async fn guard_input<R, W>(input: R, mut server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    while let Some(next) = read_frame(&mut reader).await {
        match next {
            Frame::Body(body) => {
                if server.write_all(&frame(&body)).await.is_err() {
                    break;
                }
            }
            Frame::Refused(reason) => {
                eprintln!("byline: dropped a malformed message: {reason}");
                let error = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": format!("Parse error: {reason}")}});
                let _ = errors.send(frame(error.to_string().as_bytes()));
            }
        }
    }
    let _ = server.shutdown().await;
}

/// Writes whole frames from the server and from the input guard to `output`, never
/// interleaving two frames. Server frames are read by their own task and queued
/// behind the guard's errors, so no partly read frame is ever abandoned; the writer
/// stops when the server's output ends.
pub async fn merge_output<R, W>(server: R, errors: mpsc::UnboundedReceiver<Vec<u8>>, mut output: W)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin,
{
    let (frames, mut queue) = mpsc::unbounded_channel::<Option<Vec<u8>>>();
    let server_frames = frames.clone();
    tokio::spawn(async move {
        let mut reader = BufReader::new(server);
        while let Some(next) = read_frame(&mut reader).await {
            if let Frame::Body(body) = next {
                if server_frames.send(Some(frame(&body))).is_err() {
                    return;
                }
            }
        }
        let _ = server_frames.send(None);
    });
    tokio::spawn(forward_errors(errors, frames));
    while let Some(Some(bytes)) = queue.recv().await {
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

async fn forward_errors(
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
    frames: mpsc::UnboundedSender<Option<Vec<u8>>>,
) {
    while let Some(error) = errors.recv().await {
        if frames.send(Some(error)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Result<String, String>> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(next) = read_frame(&mut reader).await {
            out.push(match next {
                Frame::Body(body) => Ok(String::from_utf8(body).unwrap()),
                Frame::Refused(reason) => Err(reason),
            });
        }
        out
    }

    /// Bug found by the protocol-abuse tests: a frame whose Content-Length was too
    /// short or too long desynchronised the reader, and the frames after it were read
    /// as headers and lost until the client gave up.
    #[tokio::test]
    async fn wrong_content_length_loses_at_most_the_next_frame() {
        let good = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let short = format!("Content-Length: 5\r\n\r\n{{\"id\":1}}{}", good("[2]"));
        let read = frames(short.as_bytes()).await;
        assert!(read[0].is_err());
        assert_eq!(read[1], Ok("[2]".to_string()));
        let long = format!(
            "Content-Length: 12\r\n\r\n{{\"id\":1}}{}{}",
            good("[2]"),
            good("[3]")
        );
        let read = frames(long.as_bytes()).await;
        assert!(read[0].is_err());
        assert_eq!(read.last(), Some(&Ok("[3]".to_string())));
    }
}
