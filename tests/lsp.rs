//! `crosscheck lsp` as an editor runs it: JSON-RPC with Content-Length
//! framing on the binary's standard input and output. Open a faulty release,
//! see its finding; fix it, see it go; close it, see its diagnostics cleared;
//! shut down, and the process exits 0.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
            .arg("lsp")
            .current_dir(common::root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, &sender));
        Client { child, stdin, messages }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, waiting at most ten seconds (a hung server fails the test).
    fn next(&self) -> Value {
        self.messages.recv_timeout(Duration::from_secs(10)).expect("the server answers")
    }

    /// The next publishDiagnostics for `uri`.
    fn diagnostics_for(&self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn read_messages(stdout: ChildStdout, sender: &mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() || sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

#[test]
fn an_editor_sees_findings_as_the_copy_changes() {
    let faulty = common::read(&common::fixture("zh/release/figure-mismatch.txt"));
    let uri = "file:///drafts/figure-mismatch.txt";
    let mut client = Client::start();
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
    let init = client.next();
    assert_eq!(init["id"], 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 1, "full sync");
    client.notify("initialized", json!({}));

    let item = json!({"uri": uri, "languageId": "plaintext", "version": 1, "text": faulty});
    client.notify("textDocument/didOpen", json!({ "textDocument": item }));
    let diagnostics = client.diagnostics_for(uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "figure-mismatch");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "crosscheck");
    // The same place `check --format json` gives (line 7, column 16, 1-based), 0-based here.
    assert_eq!(d["range"]["start"], json!({"line": 6, "character": 15}));
    assert_eq!(d["range"]["end"], json!({"line": 6, "character": 20}));
    assert_eq!(d["relatedInformation"].as_array().unwrap().len(), 2);

    // The editor corrects 1892 to 1829: the finding goes.
    let fixed = faulty.replace("1892起", "1829起");
    let change = json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]});
    client.notify("textDocument/didChange", change);
    assert_eq!(client.diagnostics_for(uri), Vec::<Value>::new());

    // A second open document that repeats the release's figures is part of it.
    let other = "file:///drafts/speaker.md";
    let speaker = "# 补充说明——市公安局副局长周建国\n\n全市累计侦破刑事案件1892起。此外，化解矛盾纠纷7300余起，查处交通违法行为38.91万件。\n";
    let item = json!({"uri": other, "languageId": "markdown", "version": 1, "text": speaker});
    client.notify("textDocument/didOpen", json!({ "textDocument": item }));
    let diagnostics = client.diagnostics_for(other);
    assert_eq!(diagnostics.len(), 1, "1892 in the Markdown file against the release's 1829: {diagnostics:?}");
    let related: Vec<&Value> =
        diagnostics[0]["relatedInformation"].as_array().unwrap().iter().map(|r| &r["location"]["uri"]).collect();
    assert!(related.iter().all(|u| *u == uri), "{related:?}");

    // Closing it clears its diagnostics.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": other}}));
    assert_eq!(client.diagnostics_for(other), Vec::<Value>::new());

    // A request the server does not know is refused, not ignored.
    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {}}));
    let refused = client.next();
    assert_eq!((refused["id"].clone(), refused["error"]["code"].clone()), (json!(2), json!(-32601)));

    client.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    assert_eq!(client.next()["id"], 3);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
