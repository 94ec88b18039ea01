//! Loading: paths and stdin become [`Document`]s (text + where it came from).
//!
//! Stage 1 of the pipeline. Text is decoded to UTF-8 here; every later stage
//! works on byte offsets into `Document::text`.

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

/// One input document, decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name shown in reports: the path as given, or `-`/`--stdin-filename`.
    pub name: String,
    pub text: String,
}

/// Something wrong with reading an input (not with its figures).
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(crosscheck::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not text: {reason}")]
    #[diagnostic(code(crosscheck::not_text), help("crosscheck reads UTF-8 text; convert the file or leave it out"))]
    NotText { path: String, reason: String },
}

impl Document {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Document { name: name.into(), text: text.into() }
    }

    /// Reads a file. Never writes to it.
    pub fn read(path: &Path) -> Result<Document, LoadError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: name.clone(), source })?;
        Document::from_bytes(name, bytes)
    }

    /// Decodes bytes as UTF-8 (a byte-order mark is dropped).
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Document, LoadError> {
        if bytes.contains(&0) {
            return Err(LoadError::NotText { path: name, reason: "it contains NUL bytes (a binary file?)".into() });
        }
        let mut text = String::from_utf8(bytes).map_err(|e| LoadError::NotText {
            path: name.clone(),
            reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        })?;
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        Ok(Document { name, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let doc = Document::from_bytes("a".into(), "\u{feff}共1829起".as_bytes().to_vec()).unwrap();
        assert_eq!(doc.text, "共1829起");
    }

    #[test]
    fn invalid_utf8_says_where() {
        let err = Document::from_bytes("a.txt".into(), vec![b'o', b'k', 0xff]).unwrap_err();
        assert!(err.to_string().contains("byte 2"), "{err}");
    }
}
