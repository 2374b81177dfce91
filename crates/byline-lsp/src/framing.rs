//! A framing guard in front of `tower-lsp-server`: it reads each `Content-Length`
//! frame itself and passes on only bodies that are whole JSON-RPC 2.0 messages. A
//! malformed body is answered with a parse error (-32700), and JSON that is not a
//! message (`[]`, a number, no `jsonrpc`, an array as id) with an invalid-request error
//! (-32600); either is dropped. tower-lsp-server would otherwise read a truncated body
//! as "incomplete" and wait for more, and stop serving altogether after a message it
//! cannot decode.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Frames larger than this are refused (and skipped) instead of buffered.
pub const MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;
const MAX_HEADER_LINE: usize = 8 * 1024;

/// One frame as read: a message body, or why it was refused.
enum Frame {
    Body(Vec<u8>),
    Refused(Refusal),
}

/// A refused frame: the JSON-RPC error to answer it with.
struct Refusal {
    code: i64,
    /// The request's id when it could be read, else null.
    id: Value,
    reason: String,
}

impl Refusal {
    fn parse_error(reason: String) -> Refusal {
        Refusal {
            code: -32700,
            id: Value::Null,
            reason,
        }
    }

    fn to_frame(&self) -> Vec<u8> {
        let label = if self.code == -32700 {
            "Parse error"
        } else {
            "Invalid request"
        };
        let error = json!({"jsonrpc": "2.0", "id": self.id, "error": {"code": self.code, "message": format!("{label}: {}", self.reason)}});
        frame(error.to_string().as_bytes())
    }
}

/// Checks the shape of a JSON-RPC 2.0 message as far as tower-lsp-server needs it to
/// keep serving: an object with `"jsonrpc": "2.0"`, an integer, string or null id, and
/// either a string `method` or a `result` or `error`.
fn check_message(value: &Value) -> Result<(), Refusal> {
    let refuse = |id: &Value, reason: &str| Refusal {
        code: -32600,
        id: id.clone(),
        reason: reason.to_string(),
    };
    let Some(object) = value.as_object() else {
        return Err(refuse(&Value::Null, "a message must be a JSON object"));
    };
    let id = object.get("id").unwrap_or(&Value::Null);
    let id_ok = id.is_null() || id.is_string() || id.is_i64();
    if !id_ok {
        return Err(refuse(&Value::Null, "`id` must be an integer or a string"));
    }
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(refuse(id, "`jsonrpc` must be \"2.0\""));
    }
    match object.get("method") {
        Some(Value::String(_)) => Ok(()),
        Some(_) => Err(refuse(id, "`method` must be a string")),
        None if object.contains_key("result") => Ok(()),
        None if object.get("error").is_some_and(is_error_object) => Ok(()),
        None => Err(refuse(id, "neither a request nor a response")),
    }
}

fn is_error_object(error: &Value) -> bool {
    error.get("code").is_some_and(Value::is_i64)
        && error.get("message").is_some_and(Value::is_string)
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
        return Some(Frame::Refused(Refusal::parse_error(
            "missing or invalid Content-Length header".into(),
        )));
    };
    if length > MAX_FRAME_BYTES {
        let mut skip = (&mut *reader).take(length as u64);
        tokio::io::copy(&mut skip, &mut tokio::io::sink())
            .await
            .ok()?;
        return Some(Frame::Refused(Refusal::parse_error(format!(
            "message of {length} bytes is over the {MAX_FRAME_BYTES}-byte limit"
        ))));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    let checked = serde_json::from_slice::<Value>(&body)
        .map_err(|error| Refusal::parse_error(format!("invalid JSON: {error}")))
        .and_then(|value| check_message(&value));
    Some(match checked {
        Ok(()) => Frame::Body(body),
        Err(refusal) => Frame::Refused(refusal),
    })
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
            Frame::Refused(refusal) => {
                eprintln!("byline: dropped a malformed message: {}", refusal.reason);
                let _ = errors.send(refusal.to_frame());
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
                Frame::Refused(refusal) => Err(refusal.reason),
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
        let two = r#"{"jsonrpc":"2.0","method":"two"}"#;
        let three = r#"{"jsonrpc":"2.0","method":"three"}"#;
        let short = format!("Content-Length: 5\r\n\r\n{{\"id\":1}}{}", good(two));
        let read = frames(short.as_bytes()).await;
        assert!(read[0].is_err());
        assert_eq!(read[1], Ok(two.to_string()));
        let long = format!(
            "Content-Length: 12\r\n\r\n{{\"id\":1}}{}{}",
            good(two),
            good(three)
        );
        let read = frames(long.as_bytes()).await;
        assert!(read[0].is_err());
        assert_eq!(read.last(), Some(&Ok(three.to_string())));
    }

    /// Bug found by the protocol-abuse tests: JSON that is not a JSON-RPC message
    /// (`[]`, `42`, a request without `"jsonrpc"`) was answered -32600 by
    /// tower-lsp-server, which then stopped serving, and the process exited with 1.
    #[test]
    fn json_that_is_not_a_message_is_refused_before_the_server_sees_it() {
        let refused = |text: &str| check_message(&serde_json::from_str(text).unwrap()).err();
        for bad in [
            "[]",
            "42",
            r#"{"id":9,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":7}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":"no"}"#,
        ] {
            assert_eq!(refused(bad).map(|r| r.code), Some(-32600), "{bad}");
        }
        assert_eq!(
            refused(r#"{"jsonrpc":"2.0","id":"a","method":"x"}"#).map(|r| r.code),
            None
        );
        assert_eq!(
            refused(r#"{"jsonrpc":"2.0","id":4,"result":null}"#).map(|r| r.code),
            None
        );
        assert_eq!(
            refused(r#"{"id":9,"method":"x"}"#).unwrap().id,
            serde_json::json!(9)
        );
    }
}
