//! `crosscheck lsp`: a language server on standard input and output, so an
//! editor shows findings as the copy is written.
//!
//! A front end like the CLI and `serve`: the open documents are one release
//! (figures link across them, as several paths do on the command line), and
//! every change re-checks them with [`crate::check_rules`] and publishes each
//! document's findings as diagnostics. Positions are in UTF-16 code units, the
//! protocol's default; each diagnostic's related information points at the
//! other figures of its finding, in whichever open document they are.

use std::collections::BTreeMap;

use lsp_server::{Connection, Message, Notification, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, InitializeResult, Location, NumberOrString, Position,
    PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};

use crate::check::{Finding, Mark, Severity};
use crate::config::UserRules;
use crate::report::Positions;
use crate::{Document, Packs, Report};

/// Why the server stopped before the client said `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("the language server protocol failed")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("cannot write to the client: {0}")]
    Send(String),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

/// Serves on standard input and output until the client says `exit`.
pub fn run_stdio(packs: &Packs, user: &UserRules) -> Result<(), LspError> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection, packs, user)?;
    drop(connection);
    io_threads.join().map_err(|e| LspError::Send(e.to_string()))
}

/// The server's loop over one connection (stdio, or memory in tests).
pub fn serve(connection: &Connection, packs: &Packs, user: &UserRules) -> Result<(), LspError> {
    let capabilities = ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        ..ServerCapabilities::default()
    };
    let (id, _params) = connection.initialize_start()?;
    let result = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo { name: "crosscheck".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;

    let mut open = Open::default();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                // Nothing else is asked of this server: say so, as the protocol wants.
                let refused = Response::new_err(
                    request.id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("crosscheck does not answer {}", request.method),
                );
                send(connection, Message::Response(refused))?;
            }
            Message::Notification(note) => {
                let closed = match open.apply(note)? {
                    Change::None => continue,
                    Change::Edited => None,
                    Change::Closed(uri) => Some(uri),
                };
                for params in open.diagnostics(packs, user, closed) {
                    let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
                    send(connection, Message::Notification(note))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> Result<(), LspError> {
    connection.sender.send(message).map_err(|e| LspError::Send(e.to_string()))
}

/// What a notification did to the open documents.
enum Change {
    None,
    Edited,
    Closed(Uri),
}

/// The open documents, by URI, in a stable order.
#[derive(Default)]
struct Open {
    docs: BTreeMap<String, (Uri, String)>,
}

impl Open {
    fn apply(&mut self, note: Notification) -> Result<Change, LspError> {
        Ok(match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams = serde_json::from_value(note.params)?;
                let doc = params.text_document;
                self.docs.insert(doc.uri.as_str().to_string(), (doc.uri, doc.text));
                Change::Edited
            }
            DidChangeTextDocument::METHOD => {
                let params: DidChangeTextDocumentParams = serde_json::from_value(note.params)?;
                // Full sync: the last change holds the whole text.
                match (self.docs.get_mut(params.text_document.uri.as_str()), params.content_changes.into_iter().last())
                {
                    (Some(entry), Some(change)) => {
                        entry.1 = change.text;
                        Change::Edited
                    }
                    _ => Change::None,
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: DidCloseTextDocumentParams = serde_json::from_value(note.params)?;
                match self.docs.remove(params.text_document.uri.as_str()) {
                    Some((uri, _)) => Change::Closed(uri),
                    None => Change::None,
                }
            }
            _ => Change::None,
        })
    }

    /// Checks the open documents as one release: the diagnostics of each, and
    /// an empty list for a document just closed.
    fn diagnostics(&self, packs: &Packs, user: &UserRules, closed: Option<Uri>) -> Vec<PublishDiagnosticsParams> {
        let uris: Vec<&Uri> = self.docs.values().map(|(uri, _)| uri).collect();
        let docs: Vec<Document> =
            self.docs.values().map(|(uri, text)| Document::with_format(name_of(uri), text.clone())).collect();
        let report = crate::check_rules(docs, packs, user, false);
        let mut by_doc: Vec<Vec<Diagnostic>> = vec![Vec::new(); uris.len()];
        let mut positions = Positions::new(&report);
        for finding in report.findings() {
            by_doc[finding.primary.doc].push(diagnostic(&report, &mut positions, &uris, finding));
        }
        let mut out: Vec<PublishDiagnosticsParams> = uris
            .iter()
            .zip(by_doc)
            .map(|(uri, diagnostics)| PublishDiagnosticsParams { uri: (*uri).clone(), diagnostics, version: None })
            .collect();
        if let Some(uri) = closed {
            out.push(PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None });
        }
        out
    }
}

/// The name a document is checked under: its file path, so that `.md` and
/// `.html` are read as such and messages name the file as `check` does.
fn name_of(uri: &Uri) -> String {
    let is_file = uri.scheme().is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"));
    if is_file {
        uri.path().as_estr().decode().into_string_lossy().into_owned()
    } else {
        uri.as_str().to_string()
    }
}

fn diagnostic(report: &Report, positions: &mut Positions, uris: &[&Uri], finding: &Finding) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related = finding
        .labels
        .iter()
        .filter(|mark| mark.doc != finding.primary.doc || mark.span != finding.primary.span)
        .map(|mark| DiagnosticRelatedInformation {
            location: Location { uri: uris[mark.doc].clone(), range: range(positions, mark) },
            message: format!("{} — {}", mark.message, report.release.sources.sources[mark.source].title),
        })
        .collect();
    let mut message = finding.message.clone();
    if !finding.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&finding.help);
    }
    if !finding.explain.is_empty() {
        message.push_str("\narithmetic: ");
        message.push_str(&finding.explain);
    }
    Diagnostic {
        range: range(positions, &finding.primary),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some("crosscheck".into()),
        message,
        related_information: Some(related),
        ..Diagnostic::default()
    }
}

/// A mark's span as an LSP range: 0-based lines, UTF-16 columns.
fn range(positions: &mut Positions, mark: &Mark) -> Range {
    let mut position = |pos: usize| {
        let (line, column) = positions.utf16_line_column(mark.doc, pos);
        Position {
            line: u32::try_from(line - 1).unwrap_or(u32::MAX),
            character: u32::try_from(column - 1).unwrap_or(u32::MAX),
        }
    };
    Range { start: position(mark.span.start), end: position(mark.span.end) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{DidOpenTextDocumentParams, TextDocumentItem};

    fn open(server: &Connection, uri: &str, text: &str) {
        let params = DidOpenTextDocumentParams {
            text_document: TextDocumentItem {
                uri: uri.parse().unwrap(),
                language_id: "plaintext".into(),
                version: 1,
                text: text.into(),
            },
        };
        let note = Notification::new(DidOpenTextDocument::METHOD.into(), params);
        server.sender.send(Message::Notification(note)).unwrap();
    }

    #[test]
    fn a_file_uri_names_its_document_by_path() {
        assert_eq!(name_of(&"file:///drafts/release%20one.md".parse().unwrap()), "/drafts/release one.md");
        assert_eq!(name_of(&"untitled:Untitled-1".parse().unwrap()), "untitled:Untitled-1");
    }

    #[test]
    fn findings_are_published_with_utf16_ranges_and_related_figures() {
        let (server, client) = Connection::memory();
        let packs = Packs::builtin().unwrap();
        let thread =
            std::thread::spawn(move || serve(&server, &packs, &UserRules::default()).map_err(|e| e.to_string()));
        let init = lsp_server::Request::new(1.into(), "initialize".into(), serde_json::json!({"capabilities": {}}));
        client.sender.send(Message::Request(init)).unwrap();
        assert!(matches!(client.receiver.recv().unwrap(), Message::Response(_)));
        client
            .sender
            .send(Message::Notification(Notification::new("initialized".into(), serde_json::json!({}))))
            .unwrap();
        // 𠀀 is one character and two UTF-16 code units: the column says which unit it counts.
        open(
            &client,
            "file:///drafts/release%20one.txt",
            "导语：据𠀀报，共化解纠纷7300余起。\n总体情况——副局长李明\n共化解纠纷7500余起。\n",
        );
        let Message::Notification(note) = client.receiver.recv().unwrap() else { panic!("a notification") };
        assert_eq!(note.method, PublishDiagnostics::METHOD);
        let params: PublishDiagnosticsParams = serde_json::from_value(note.params).unwrap();
        assert_eq!(params.diagnostics.len(), 1);
        let d = &params.diagnostics[0];
        assert_eq!(d.code, Some(NumberOrString::String("figure-mismatch".into())));
        assert_eq!((d.range.start.line, d.range.start.character), (2, 5));
        let related = d.related_information.as_ref().unwrap();
        assert_eq!(related.len(), 1);
        // 导语：据𠀀报，共化解纠纷 is 12 characters and 13 UTF-16 units.
        assert_eq!((related[0].location.range.start.line, related[0].location.range.start.character), (0, 13));
        assert!(d.message.contains("导语 says 7300余起") && d.message.contains("arithmetic:"), "{}", d.message);
        let shutdown = lsp_server::Request::new(2.into(), "shutdown".into(), serde_json::Value::Null);
        client.sender.send(Message::Request(shutdown)).unwrap();
        assert!(matches!(client.receiver.recv().unwrap(), Message::Response(_)));
        client.sender.send(Message::Notification(Notification::new("exit".into(), serde_json::Value::Null))).unwrap();
        thread.join().unwrap().unwrap();
    }
}
