//! Saving, pure and host-tested: one stored document (the reader's
//! progress, the display settings) in one tab.
//!
//! - [`machine`]: what the tab's copy is (a three-way merge with what
//!   storage holds, what is unsaved, what the reader is told);
//! - [`core`]: when it is read and written, and over what: reading, sealing
//!   with the lock, keeping aside, following the lock and other tabs;
//! - [`early`]: what the reader does before the core's code has arrived;
//! - [`port`]: what the core asks of the browser, which the app's storage
//!   adapter (`crate::saver`) carries out, and the property test fakes.

pub mod core;
pub mod early;
pub mod machine;
pub mod port;

pub use self::core::{Core, Drive, Input};
pub use machine::{Access, Command, Document, Event, Machine, Notice, SaveState, Stored};
pub use port::{Code, Job, LockState, Note, Port, SaveStatus, StorageError};
