//! The port the saving core (`super::core`) works through: what it asks of
//! the browser, in the core's own terms. The app's storage adapter
//! (`crate::saver`) carries it out over localStorage and WebCrypto; the
//! property test (`tests/sync.rs`) carries it out in memory, for several
//! tabs at once. Nothing here decides anything.

use super::machine::{Notice, SaveState};

/// A request made of the port that answers later, by an [`super::Input`]
/// carrying the same number.
pub type Job = u32;

/// Code that may arrive after the page (a wasm chunk of its own): the core
/// asks for it when it needs it, and waits, never guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Reads stored progress (`crate::saving`).
    Reader,
    /// Writes it.
    Writer,
}

/// Where the lock stands in this tab (`crate::lock`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// The document is stored as plain text.
    Off,
    /// It is stored sealed and this tab cannot open it: nothing of it is
    /// shown until the reader unlocks.
    Locked,
    /// It is stored sealed and this tab holds the key.
    Unlocked,
}

/// Why saving did not happen, in words for the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// `window.localStorage` threw or is missing: the app runs in memory.
    Unavailable(String),
    /// The browser refused the write because storage is full.
    QuotaExceeded,
    /// Any other refused write or read.
    Failed(String),
    /// The reader's saved data is locked in this tab.
    Locked,
    /// The part of Attune that reads or writes saved progress has not
    /// arrived (offline, or the connection dropped).
    NotLoaded,
    /// Storage holds something Attune cannot read, and it could not be
    /// kept aside: it is not written over until the reader says so.
    WouldOverwrite,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unavailable(why) => write!(f, "storage is not available in this browser ({why})"),
            Self::QuotaExceeded => write!(f, "this browser's storage for the site is full"),
            Self::Failed(why) => write!(f, "the browser refused to save ({why})"),
            Self::Locked => write!(f, "your saved data is locked"),
            Self::NotLoaded => write!(
                f,
                "the part of Attune that saves has not downloaded yet. If you are offline, connect: it saves as soon as it arrives"
            ),
            Self::WouldOverwrite => write!(
                f,
                "something Attune cannot read is saved in its place, and Attune will not write over it until you say so (see the notice above)"
            ),
        }
    }
}

/// Where saving stands, for the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    /// Changed, and the save is on its way.
    Pending,
    /// The last write was refused, for this reason; the work is still in
    /// this tab.
    Failed(StorageError),
}

impl SaveStatus {
    pub fn from(state: SaveState, why: Option<&StorageError>) -> Self {
        match (state, why) {
            (SaveState::Saved, _) => Self::Saved,
            (SaveState::Failed, Some(why)) => Self::Failed(why.clone()),
            (SaveState::Failed, None) => Self::Failed(StorageError::Failed("unknown".into())),
            (SaveState::Pending, _) => Self::Pending,
        }
    }
}

/// What the core tells the app (the reader's view of saving).
#[derive(Debug, Clone, PartialEq)]
pub enum Note<D> {
    /// Show this document: it is this tab's now.
    Show(D),
    /// Start (or restart) the delay after a change, or cancel it; when it
    /// is over, the app sends [`super::Input::Save`].
    Timer(bool),
    /// Put this notice before the reader, or take it away.
    Notice(Option<Notice>),
    Status(SaveStatus),
    /// Data a newer version wrote is stored: shown, not saved over.
    ReadOnly(bool),
    Lock(LockState),
    /// The lock's switch on made in this tab is done (its write has
    /// landed): the key from before a new passphrase is no longer needed.
    Switched,
    /// Forget the lock's key: this tab locked, or the lock is off.
    ForgetKey,
}

/// What the core needs done. Reads and writes are synchronous, as
/// localStorage is; sealing, opening and fetching code answer later.
pub trait Port<D> {
    /// The text stored under the document's key now (`None`: nothing).
    fn read(&mut self) -> Result<Option<String>, StorageError>;
    /// Writes `text` under the key. `plain` is the document when `text` is
    /// its plain stored form: a summary of it may be written beside it
    /// (`storage::Slot::glance`); sealed text (`None`) removes the summary.
    fn write(&mut self, text: &str, plain: Option<&D>) -> Result<(), StorageError>;
    /// Keeps `stored` text aside before it is written over. An earlier,
    /// different copy kept there is never replaced. True when `stored` is
    /// kept there now (just written, or kept before).
    fn keep_aside(&mut self, stored: &str) -> bool;
    /// The copy kept aside, if any, and writing a new form of the same copy
    /// (sealed or opened as the lock is switched).
    fn kept_aside(&mut self) -> Option<String>;
    fn rewrite_kept_aside(&mut self, text: &str);
    /// Reads stored text, checked; `None` while the code that reads is not
    /// here ([`Code::Reader`]).
    fn decode(&mut self, raw: &str) -> Option<super::Stored<D>>;
    /// The document's stored text, or why not; `None` while the code that
    /// writes is not here ([`Code::Writer`]).
    fn encode(&mut self, doc: &D) -> Option<Result<String, String>>;
    /// Fetches code; answered by `Input::Arrived`.
    fn fetch(&mut self, code: Code);
    /// Seals `text` with the lock's key; answered by `Input::Sealed`.
    fn seal(&mut self, job: Job, text: String);
    /// Opens sealed text with the key, or during a change of passphrase
    /// the key before it; answered by `Input::Opened`.
    fn open(&mut self, job: Job, sealed: String);
    fn notify(&mut self, note: Note<D>);
}
