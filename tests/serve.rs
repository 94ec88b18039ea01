//! `crosscheck serve` over HTTP, as the page talks to it: the page, the view
//! model, the report, and the limits. The page itself is tested in Chromium
//! by tests/browser.rs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `crosscheck serve --port 0`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.trim().strip_prefix("crosscheck serve: http://").unwrap().trim_end_matches('/').to_string();
        Server { child, addr }
    }

    /// One HTTP/1.1 request; the status line, headers and body as text.
    fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, String, String) {
        self.request_as(&format!("Host: {}\r\n", self.addr), method, path, body)
    }

    /// A request with the headers `extra` (each ending `\r\n`) instead of the Host.
    fn request_as(&self, extra: &str, method: &str, path: &str, body: &[u8]) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        // A server that never answers fails the test instead of hanging it.
        stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        // A refused body may be cut off by the server: that is an answer too.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).to_string();
        let (headers, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, headers.to_string(), body.to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn documents(docs: &[(&str, &str)]) -> Vec<u8> {
    let docs: Vec<serde_json::Value> =
        docs.iter().map(|(name, text)| serde_json::json!({"name": name, "text": text})).collect();
    serde_json::to_vec(&serde_json::json!({ "documents": docs })).unwrap()
}

/// The body of a chunked or plain response, as JSON.
fn json_of(body: &str) -> serde_json::Value {
    let start = body.find('{').unwrap();
    let end = body.rfind('}').unwrap();
    serde_json::from_str(&body[start..=end]).unwrap()
}

#[test]
fn serve_binds_to_this_computer_only_by_default() {
    let server = Server::start();
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
}

#[test]
fn the_page_is_embedded_and_locked_down() {
    let server = Server::start();
    let (status, headers, body) = server.request("GET", "/", b"");
    assert_eq!(status, 200);
    let headers = headers.to_ascii_lowercase();
    assert!(headers.contains("content-security-policy: default-src 'none'"), "{headers}");
    assert!(headers.contains("x-content-type-options: nosniff"));
    assert!(body.contains("id=\"drafts\""));
    // No route reads files: a path is not found, whatever it names.
    for path in ["/Cargo.toml", "/../Cargo.toml", "/static/../../etc/passwd", "/api/check?path=/etc/passwd"] {
        let (status, _, body) = server.request("GET", path, b"");
        assert!(status == 404 || status == 405, "{path}: {status}");
        assert!(!body.contains("[package]") && !body.contains("root:"), "{path}");
    }
}

#[test]
fn check_returns_the_view_model_with_the_finding() {
    let server = Server::start();
    let text = common::read(&common::fixture("zh/release/figure-mismatch.txt"));
    let (status, _, body) = server.request("POST", "/api/check", &documents(&[("draft.txt", &text)]));
    assert_eq!(status, 200, "{body}");
    let view = json_of(&body);
    assert_eq!(view["summary"]["errors"], 1);
    assert_eq!(view["findings"][0]["rule"], "figure-mismatch");
}

#[test]
fn report_returns_the_page_to_download() {
    let server = Server::start();
    let (status, headers, body) =
        server.request("POST", "/api/report", &documents(&[("a.md", "# 发布会\n\n全市共侦破刑事案件1829起。\n")]));
    assert_eq!(status, 200);
    assert!(headers.to_ascii_lowercase().contains("content-disposition: attachment"));
    assert!(body.contains("id=\"data\""));
}

#[test]
fn requests_over_the_limits_are_refused() {
    let server = Server::start();
    let many: Vec<(String, &str)> = (0..65).map(|i| (format!("d{i}.txt"), "1829起")).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let (status, _, _) = server.request("POST", "/api/check", &documents(&many));
    assert_eq!(status, 413);
    let huge = "数".repeat(7 * 1024 * 1024);
    let (status, _, _) = server.request("POST", "/api/check", &documents(&[("huge.txt", &huge)]));
    assert_eq!(status, 413);
    let (status, _, _) = server.request("POST", "/api/check", b"{\"documents\": [{\"path\": \"/etc/passwd\"}]}");
    assert_eq!(status, 422);
}

#[test]
fn decode_reads_an_upload_as_the_command_line_reads_a_file() {
    let server = Server::start();
    let formats = common::fixture("zh/formats");
    let expected = common::read(&formats.join("release.txt"));
    for name in ["release.docx", "release-gbk.txt", "release-utf16.txt"] {
        let bytes = std::fs::read(formats.join(name)).unwrap();
        let (status, _, body) = server.request("POST", &format!("/api/decode?name={name}"), &bytes);
        assert_eq!(status, 200, "{name}: {body}");
        let decoded = json_of(&body);
        assert_eq!(decoded["name"], name);
        let text = decoded["text"].as_str().unwrap();
        if name.ends_with(".docx") {
            assert_eq!(text, expected, "the .docx reads as the release's text");
        } else {
            assert!(text.contains("截至目前,全市累计侦破刑事案件1892起"), "{name}: {text}");
        }
    }
    let (status, _, body) = server.request("POST", "/api/decode?name=photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(status, 422);
    assert!(body.contains("photo.png") && body.contains("NUL"), "{body}");
    let (status, _, body) = server.request("POST", "/api/decode?name=broken.docx", b"not a zip");
    assert_eq!(status, 422);
    assert!(body.contains("broken.docx"), "{body}");
    let (status, _, _) = server.request("POST", "/api/decode?name=empty.txt", b"");
    assert_eq!(status, 422);
}

#[test]
fn concurrent_checks_wait_their_turn_and_all_answer() {
    let server = std::sync::Arc::new(Server::start());
    let faulty = common::read(&common::fixture("zh/release/figure-mismatch.txt"));
    let body = documents(&[("release.txt", faulty.as_str())]);
    // More requests than checks run at once: the rest queue, none is lost.
    let threads: Vec<_> = (0..3 * crosscheck::serve::MAX_CONCURRENT_CHECKS)
        .map(|_| {
            let (server, body) = (std::sync::Arc::clone(&server), body.clone());
            std::thread::spawn(move || server.request("POST", "/api/check", &body))
        })
        .collect();
    for thread in threads {
        let (status, _, body) = thread.join().unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(json_of(&body)["summary"]["errors"], 1);
    }
}

#[test]
fn only_requests_addressed_to_the_server_are_answered() {
    let server = Server::start();
    let port = server.addr.rsplit_once(':').unwrap().1.to_string();
    // A rebinding host name points at 127.0.0.1 but the Host says so: refused.
    for host in [format!("evil.example:{port}"), format!("127.0.0.1.nip.io:{port}"), "127.0.0.1:1".to_string()] {
        let (status, _, body) = server.request_as(&format!("Host: {host}\r\n"), "GET", "/", b"");
        assert_eq!(status, 421, "{host}: {body}");
        assert!(body.contains(&format!("answers to http://{}/ only", server.addr)), "{body}");
    }
    let (status, _, _) = server.request_as("", "GET", "/", b"");
    assert_eq!(status, 421, "no Host at all");
    // The address itself and the localhost forms of it are answered.
    for host in [server.addr.clone(), format!("localhost:{port}"), format!("LOCALHOST:{port}"), format!("[::1]:{port}")]
    {
        let (status, _, _) = server.request_as(&format!("Host: {host}\r\n"), "GET", "/", b"");
        assert_eq!(status, 200, "{host}");
    }
}

#[test]
fn cross_origin_posts_are_refused() {
    let server = Server::start();
    let body = documents(&[("a.txt", "全市共破获刑事案件1829起。")]);
    let host = format!("Host: {}\r\n", server.addr);
    for foreign in [
        "Origin: http://evil.example\r\n".to_string(),
        "Origin: null\r\n".to_string(),
        format!("Origin: http://localhost:{}\r\n", server.addr.rsplit_once(':').unwrap().1),
        "Sec-Fetch-Site: cross-site\r\n".to_string(),
        "Sec-Fetch-Site: same-site\r\n".to_string(),
    ] {
        let (status, _, text) = server.request_as(&format!("{host}{foreign}"), "POST", "/api/check", &body);
        assert_eq!(status, 403, "{foreign}: {text}");
        assert!(text.contains("another origin"), "{text}");
    }
    // The page's own origin, and a client that sends no Origin (curl), are served.
    let own = format!("{host}Origin: http://{}\r\nSec-Fetch-Site: same-origin\r\n", server.addr);
    assert_eq!(server.request_as(&own, "POST", "/api/check", &body).0, 200);
    assert_eq!(server.request("POST", "/api/check", &body).0, 200);
}
