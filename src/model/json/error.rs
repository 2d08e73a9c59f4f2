//! What went wrong reading or writing JSON, and where.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// What is wrong, in words.
    message: String,
    /// Object keys from the outside in, e.g. `["progress", "answers", "q1"]`.
    path: Vec<String>,
    /// Byte offset in the text, when the text itself is at fault.
    syntax_at: Option<usize>,
}

impl Error {
    pub(super) fn message(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            path: Vec::new(),
            syntax_at: None,
        }
    }

    /// The text is not JSON at byte `offset`.
    pub(super) fn syntax(message: &str, offset: usize) -> Self {
        Error {
            syntax_at: Some(offset),
            ..Error::message(message)
        }
    }

    /// The error happened inside the value of `key` (added as it unwinds,
    /// so the outermost key ends up first).
    pub(super) fn inside(mut self, key: &str) -> Self {
        self.path.insert(0, key.to_string());
        self
    }

    /// Is the text itself broken (as opposed to valid JSON of the wrong shape)?
    pub fn is_syntax(&self) -> bool {
        self.syntax_at.is_some()
    }

    /// Where the error is, as `progress.answers["q1"]` (three keys at most,
    /// like the messages the reader sees), or `(top level)`.
    pub fn path(&self) -> String {
        match self.path.as_slice() {
            [] => "(top level)".to_string(),
            [a] => a.clone(),
            [a, b] => format!("{a}.{b}"),
            [a, b, c, ..] => format!("{a}.{b}[\"{c}\"]"),
        }
    }

    /// What is wrong, without the place.
    pub fn what(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.syntax_at {
            Some(at) => write!(f, "{} at byte {at}", self.message),
            None if self.path.is_empty() => f.write_str(&self.message),
            None => write!(f, "{} at {}", self.message, self.path()),
        }
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::message(msg.to_string())
    }

    // serde's default message prints the unexpected value, which for a
    // float would link the float formatter (~10 KB) for an error message.
    fn invalid_type(unexpected: serde::de::Unexpected, expected: &dyn serde::de::Expected) -> Self {
        Error::message(format!("found {}, expected {expected}", kind(&unexpected)))
    }

    fn invalid_value(
        unexpected: serde::de::Unexpected,
        expected: &dyn serde::de::Expected,
    ) -> Self {
        Error::message(format!("found {}, expected {expected}", kind(&unexpected)))
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::message(msg.to_string())
    }
}

fn kind(unexpected: &serde::de::Unexpected) -> &'static str {
    use serde::de::Unexpected as U;
    match unexpected {
        U::Bool(_) => "true or false",
        U::Unsigned(_) | U::Signed(_) => "a whole number",
        U::Float(_) => "a number",
        U::Char(_) | U::Str(_) => "a string",
        U::Unit | U::Option => "null",
        U::Seq => "a list",
        U::Map => "an object",
        _ => "another kind of value",
    }
}
