//! Host tests of saving (`model::sync`): every path of the machine, then
//! two tabs sharing one storage under random interleavings of edits,
//! deletions, saves and the events between them.
#![cfg(not(target_arch = "wasm32"))]

use attune::model::codec;
use attune::model::progress::{Progress, ReflectionValue};
use attune::model::sync::{Access, Command, Event, Machine, Notice, SaveState, Stored};

fn text(s: &str) -> ReflectionValue {
    ReflectionValue::Text(s.to_string())
}

fn with(items: &[(&str, &str)]) -> Progress {
    let mut p = Progress::default();
    for (id, value) in items {
        p.set_reflection(id, text(value), 1.0);
    }
    p
}

fn started(stored: Stored<Progress>) -> Machine<Progress> {
    Machine::start(Some(stored)).0
}

fn writes(commands: &[Command<Progress>]) -> Vec<&Progress> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Write(doc) => Some(doc),
            _ => None,
        })
        .collect()
}

#[test]
fn a_new_reader_starts_blank_with_nothing_to_do() {
    let (m, commands) = Machine::<Progress>::start(Some(Stored::Nothing));
    assert!(commands.is_empty());
    assert_eq!(m.save_state(), SaveState::Saved);
    assert_eq!(m.access(), Access::ReadWrite);
}

#[test]
fn a_change_waits_for_the_timer_and_a_change_back_cancels_it() {
    let mut m = started(Stored::Readable(with(&[("l.a", "one")])));
    assert_eq!(
        m.handle(Event::Changed(with(&[("l.a", "two")]))),
        [Command::ArmTimer]
    );
    assert_eq!(m.save_state(), SaveState::Pending);
    assert_eq!(
        m.handle(Event::Changed(with(&[("l.a", "one")]))),
        [Command::CancelTimer]
    );
    assert_eq!(m.save_state(), SaveState::Saved);
    // The signal echoing what the machine holds is nothing new.
    assert!(m.handle(Event::Changed(with(&[("l.a", "one")]))).is_empty());
}

#[test]
fn a_save_merges_what_another_tab_stored_and_writes_the_merge() {
    let base = with(&[("l.a", "first")]);
    let mut m = started(Stored::Readable(base.clone()));
    let ours = with(&[("l.a", "first"), ("l.b", "ours")]);
    m.handle(Event::Changed(ours));
    let theirs = with(&[("l.a", "first"), ("l.c", "theirs")]);
    let commands = m.handle(Event::Save(Stored::Readable(theirs)));
    let both = with(&[("l.a", "first"), ("l.b", "ours"), ("l.c", "theirs")]);
    assert!(commands.contains(&Command::Show(both.clone())));
    assert_eq!(writes(&commands), [&both]);
    assert!(m.handle(Event::Written).is_empty());
    assert_eq!(m.save_state(), SaveState::Saved);
    assert_eq!(m.ours(), &both);
}

/// lesson_end's Finish changes progress and flushes at once: the flush
/// feeds the change before saving, so it is written there and then (it
/// used to wait for the timer, and a tab closed at once lost it).
#[test]
fn a_change_fed_right_before_a_save_is_written_by_that_save() {
    let mut m = started(Stored::Nothing);
    let mut finished = Progress::default();
    finished.complete("what-attunement-is");
    m.handle(Event::Changed(finished.clone()));
    let commands = m.handle(Event::Save(Stored::Nothing));
    assert_eq!(writes(&commands), [&finished]);
}

#[test]
fn nothing_unsaved_means_nothing_written_even_when_the_page_closes() {
    let stale = with(&[("l.a", "old")]);
    let mut m = started(Stored::Readable(stale));
    let newer = with(&[("l.a", "newer, from another tab")]);
    let commands = m.handle(Event::Save(Stored::Readable(newer)));
    assert!(writes(&commands).is_empty());
}

#[test]
fn a_change_undone_by_the_stored_merge_writes_nothing() {
    let mut m = started(Stored::Readable(with(&[("l.a", "one")])));
    m.handle(Event::Changed(with(&[("l.a", "two")])));
    // Storage already holds our change (another tab made the same one).
    let commands = m.handle(Event::Save(Stored::Readable(with(&[("l.a", "two")]))));
    assert!(writes(&commands).is_empty());
    assert_eq!(m.save_state(), SaveState::Saved);
}

#[test]
fn a_refused_write_is_failed_and_tried_again_with_the_next_save() {
    let mut m = started(Stored::Nothing);
    m.handle(Event::Changed(with(&[("l.a", "kept")])));
    let commands = m.handle(Event::Save(Stored::Nothing));
    assert_eq!(writes(&commands).len(), 1);
    m.handle(Event::WriteFailed);
    assert_eq!(m.save_state(), SaveState::Failed);
    assert_eq!(m.ours(), &with(&[("l.a", "kept")]));
    let again = m.handle(Event::Save(Stored::Nothing));
    assert_eq!(writes(&again).len(), 1);
    m.handle(Event::Written);
    assert_eq!(m.save_state(), SaveState::Saved);
}

#[test]
fn a_change_made_while_a_write_is_on_its_way_is_saved_after_it() {
    let mut m = started(Stored::Nothing);
    m.handle(Event::Changed(with(&[("l.a", "1")])));
    m.handle(Event::Save(Stored::Nothing));
    m.handle(Event::Changed(with(&[("l.a", "12")])));
    assert_eq!(m.handle(Event::Written), [Command::ArmTimer]);
    assert_eq!(m.save_state(), SaveState::Pending);
}

#[test]
fn another_tabs_write_is_merged_in_and_saved_only_if_this_tab_adds_to_it() {
    let mut m = started(Stored::Readable(with(&[("l.a", "1")])));
    let commands = m.handle(Event::StoredElsewhere(Stored::Readable(with(&[
        ("l.a", "1"),
        ("l.b", "theirs"),
    ]))));
    assert!(commands.contains(&Command::Show(with(&[("l.a", "1"), ("l.b", "theirs")]))));
    assert!(commands.contains(&Command::CancelTimer));
    assert_eq!(m.save_state(), SaveState::Saved);
    // With an unsaved change here, the merge holds more than storage.
    m.handle(Event::Changed(with(&[("l.a", "2"), ("l.b", "theirs")])));
    let commands = m.handle(Event::StoredElsewhere(Stored::Readable(with(&[
        ("l.a", "1"),
        ("l.b", "theirs"),
        ("l.c", "more"),
    ]))));
    assert!(commands.contains(&Command::ArmTimer));
    assert_eq!(
        m.ours(),
        &with(&[("l.a", "2"), ("l.b", "theirs"), ("l.c", "more")])
    );
}

#[test]
fn data_removed_elsewhere_is_told_and_written_back_only_on_the_readers_word() {
    let mut m = started(Stored::Readable(with(&[("l.a", "mine")])));
    assert_eq!(
        m.handle(Event::StoredElsewhere(Stored::Nothing)),
        [Command::Tell(Notice::Removed)]
    );
    // A later change is kept in the tab, but not written over the removal:
    // it may have been the reader deleting everything in another tab.
    m.handle(Event::Changed(with(&[("l.a", "mine"), ("l.b", "more")])));
    assert!(writes(&m.handle(Event::Save(Stored::Nothing))).is_empty());
    assert_eq!(m.ours(), &with(&[("l.a", "mine"), ("l.b", "more")]));
    // "Save it again from this tab".
    let commands = m.handle(Event::Restore);
    assert_eq!(
        writes(&commands),
        [&with(&[("l.a", "mine"), ("l.b", "more")])]
    );
    assert_eq!(m.handle(Event::Written), [Command::ClearNotice]);
}

/// The reader deletes everything in tab A; tab B, with a change of its
/// own, saves before A's message reaches it. B must not write the deleted
/// data back: it holds on to it until it hears, then forgets it too.
#[test]
fn deleting_everything_in_one_tab_is_not_undone_by_another_tabs_save() {
    let mut b = started(Stored::Readable(with(&[("l.a", "private")])));
    b.handle(Event::Changed(with(&[("l.a", "private"), ("l.b", "new")])));
    // A removed every key: B's timer fires first.
    let commands = b.handle(Event::Save(Stored::Nothing));
    assert!(writes(&commands).is_empty());
    assert!(commands.contains(&Command::Tell(Notice::Removed)));
    // Then A's "deleted everything" arrives.
    let commands = b.handle(Event::Forgotten);
    assert!(commands.contains(&Command::ClearNotice));
    assert_eq!(b.ours(), &Progress::default());
    assert!(writes(&b.handle(Event::Save(Stored::Nothing))).is_empty());
}

/// A first visit's page reads saved data only once the code for it has
/// arrived (after taking over). Meanwhile another tab may have saved: this
/// tab writes nothing over what it cannot read yet, and once it can, merges
/// and saves as usual.
#[test]
fn nothing_is_written_over_what_cannot_be_read_yet_and_it_is_merged_once_read() {
    let mut m = started(Stored::Nothing);
    m.handle(Event::Changed(with(&[("l.mine", "here")])));
    let commands = m.handle(Event::Save(Stored::NotReadYet));
    assert!(writes(&commands).is_empty());
    assert_eq!(m.save_state(), SaveState::Pending);
    assert!(m
        .handle(Event::StoredElsewhere(Stored::NotReadYet))
        .is_empty());
    // The reader arrived: what the other tab saved is merged in, and saved.
    let commands = m.handle(Event::StoredElsewhere(Stored::Readable(with(&[(
        "l.theirs", "there",
    )]))));
    assert!(commands.contains(&Command::ArmTimer));
    let both = with(&[("l.mine", "here"), ("l.theirs", "there")]);
    assert_eq!(m.ours(), &both);
    let commands = m.handle(Event::Save(Stored::Readable(with(&[(
        "l.theirs", "there",
    )]))));
    assert_eq!(writes(&commands), [&both]);
}

/// Finish must save before the page moves on, even on a first visit's
/// page that has not loaded the code that reads saved data: storage still
/// holding the very text this tab wrote needs no reading.
#[test]
fn storage_holding_what_this_tab_wrote_is_saved_over_at_once() {
    let mut m = started(Stored::Nothing);
    let first = with(&[("l.a", "one")]);
    m.handle(Event::Changed(first.clone()));
    assert_eq!(writes(&m.handle(Event::Save(Stored::Nothing))), [&first]);
    m.handle(Event::Written);
    let second = with(&[("l.a", "one"), ("l.b", "two")]);
    m.handle(Event::Changed(second.clone()));
    let commands = m.handle(Event::Save(Stored::Unchanged));
    assert_eq!(writes(&commands), [&second]);
    assert!(!commands.iter().any(|c| matches!(c, Command::Show(_))));
    m.handle(Event::Written);
    assert_eq!(m.save_state(), SaveState::Saved);
    // Told so by a storage event (another tab wrote the same text): nothing.
    assert!(!m
        .handle(Event::StoredElsewhere(Stored::Unchanged))
        .iter()
        .any(|c| matches!(c, Command::Write(_) | Command::Show(_))));
}

/// With the lock on, a write is encrypted first, which takes a moment.
/// Meanwhile: no second write starts, another tab's save waits until this
/// one is done, and a write that storage has moved past is dropped and
/// storage read again.
#[test]
fn an_encrypted_write_on_its_way_is_the_only_one_and_another_tabs_save_waits_for_it() {
    let mut m = started(Stored::Readable(with(&[("l.a", "1")])));
    m.handle(Event::Changed(with(&[("l.a", "2")])));
    let first = m.handle(Event::Save(Stored::Unchanged));
    assert_eq!(writes(&first), [&with(&[("l.a", "2")])]);
    // Typing goes on; the timer fires before the write has landed.
    m.handle(Event::Changed(with(&[("l.a", "3")])));
    assert!(writes(&m.handle(Event::Save(Stored::Unchanged))).is_empty());
    // Another tab saved: taken in only once this write is done.
    let theirs = with(&[("l.a", "2"), ("l.b", "theirs")]);
    assert!(m
        .handle(Event::StoredElsewhere(Stored::Readable(theirs)))
        .is_empty());
    let landed = m.handle(Event::Written);
    assert!(landed.contains(&Command::ArmTimer));
    assert!(landed.contains(&Command::Reread));
    assert_eq!(m.base(), &with(&[("l.a", "2")]));

    // Overtaken: dropped, storage read again, and saved after.
    let commands = m.handle(Event::Save(Stored::Unchanged));
    assert_eq!(writes(&commands), [&with(&[("l.a", "3")])]);
    assert_eq!(m.handle(Event::Overtaken), [Command::Reread]);
    let theirs = with(&[("l.a", "2"), ("l.b", "theirs")]);
    let commands = m.handle(Event::StoredElsewhere(Stored::Readable(theirs)));
    assert!(commands.contains(&Command::ArmTimer));
    assert_eq!(m.ours(), &with(&[("l.a", "3"), ("l.b", "theirs")]));
}

#[test]
fn locking_forgets_this_tabs_copy_until_it_is_read_again() {
    let mut m = started(Stored::Readable(with(&[("l.a", "private")])));
    let commands = m.handle(Event::Locked);
    assert!(commands.contains(&Command::Show(Progress::default())));
    assert_eq!(m.ours(), &Progress::default());
    // Locked, storage holds what cannot be read: nothing is written.
    assert!(writes(&m.handle(Event::Save(Stored::NotReadYet))).is_empty());
    // Unlocked: read and shown again, nothing to write.
    let commands = m.handle(Event::StoredElsewhere(Stored::Readable(with(&[(
        "l.a", "private",
    )]))));
    assert!(commands.contains(&Command::Show(with(&[("l.a", "private")]))));
    assert_eq!(m.save_state(), SaveState::Saved);
}

#[test]
fn removal_of_nothing_of_ours_is_not_worth_a_word() {
    let mut m = started(Stored::Nothing);
    assert!(m.handle(Event::StoredElsewhere(Stored::Nothing)).is_empty());
    // Not even with a change not saved yet: nothing stored was lost.
    m.handle(Event::Changed(with(&[("l.a", "new")])));
    assert!(m.handle(Event::StoredElsewhere(Stored::Nothing)).is_empty());
    let commands = m.handle(Event::Save(Stored::Nothing));
    assert_eq!(writes(&commands), [&with(&[("l.a", "new")])]);
}

#[test]
fn what_another_site_writes_in_our_place_is_kept_aside_never_merged() {
    let mine = with(&[("l.a", "mine")]);
    let mut m = started(Stored::Readable(mine.clone()));
    let hostile = r#"{"schema":1,"progress":{"answers":{"__proto__":{}}}}"#;
    let stored = codec::stored(Some(hostile));
    let Stored::Unreadable { ref why, .. } = stored else {
        panic!("a hostile value must not be readable: {stored:?}");
    };
    assert!(why.contains("__proto__"), "{why}");
    let commands = m.handle(Event::StoredElsewhere(stored.clone()));
    assert_eq!(commands[0], Command::KeepAside(hostile.to_string()));
    assert!(matches!(
        commands[1],
        Command::Tell(Notice::Replaced { .. })
    ));
    assert_eq!(m.ours(), &mine, "nothing merged in");
    // The next change is written over it, once it is kept aside.
    m.handle(Event::Changed(with(&[("l.a", "mine"), ("l.b", "new")])));
    let commands = m.handle(Event::Save(stored));
    assert_eq!(commands[1], Command::KeepAside(hostile.to_string()));
    assert_eq!(
        writes(&commands),
        [&with(&[("l.a", "mine"), ("l.b", "new")])]
    );
}

#[test]
fn unreadable_data_at_start_is_kept_aside_and_the_reader_told() {
    let (m, commands) = Machine::<Progress>::start(Some(codec::stored(Some("{not json"))));
    assert_eq!(commands[0], Command::KeepAside("{not json".into()));
    assert!(matches!(
        commands[1],
        Command::Tell(Notice::Unreadable { .. })
    ));
    assert_eq!(m.ours(), &Progress::default());
}

#[test]
fn a_newer_versions_data_is_shown_and_never_written_over() {
    let newer = Stored::Newer {
        version: codec::SCHEMA_VERSION + 1,
        readable_part: with(&[("l.a", "from the future")]),
    };
    let (mut m, commands) = Machine::start(Some(newer.clone()));
    assert!(matches!(
        commands[..],
        [Command::Tell(Notice::Newer { .. })]
    ));
    assert_eq!(m.access(), Access::ReadOnly);
    assert!(m
        .handle(Event::Changed(with(&[("l.a", "edited")])))
        .is_empty());
    assert!(writes(&m.handle(Event::Save(newer))).is_empty());
    assert!(writes(&m.handle(Event::Restore)).is_empty());
}

#[test]
fn a_newer_version_writing_while_this_tab_is_open_turns_it_read_only() {
    let mut m = started(Stored::Readable(with(&[("l.a", "1")])));
    m.handle(Event::Changed(with(&[("l.a", "2")])));
    let newer = Stored::Newer {
        version: 9,
        readable_part: Progress::default(),
    };
    let commands = m.handle(Event::StoredElsewhere(newer.clone()));
    assert!(commands.contains(&Command::Tell(Notice::Newer { version: 9 })));
    assert!(writes(&m.handle(Event::Save(newer))).is_empty());
}

#[test]
fn blocked_storage_keeps_everything_in_the_tab_and_says_so() {
    let (mut m, commands) = Machine::<Progress>::start(None);
    assert_eq!(commands, [Command::Tell(Notice::MemoryOnly)]);
    assert!(m.handle(Event::Changed(with(&[("l.a", "x")]))).is_empty());
    assert_eq!(m.ours(), &with(&[("l.a", "x")]));
}

#[test]
fn data_in_an_older_format_is_written_back_once_in_this_one() {
    let old = with(&[("l.a", "1")]);
    let (mut m, commands) = Machine::start(Some(Stored::Migrated(old.clone())));
    assert_eq!(writes(&commands), [&old]);
    m.handle(Event::Written);
    assert_eq!(m.save_state(), SaveState::Saved);
}

#[test]
fn deleting_everything_forgets_unsaved_changes_and_writes_nothing() {
    let newer = Stored::Newer {
        version: 9,
        readable_part: with(&[("l.a", "1")]),
    };
    let mut m = started(newer);
    m.handle(Event::Changed(with(&[("l.a", "2")])));
    let commands = m.handle(Event::Forgotten);
    assert!(writes(&commands).is_empty());
    assert!(commands.contains(&Command::Show(Progress::default())));
    assert_eq!(m.save_state(), SaveState::Saved);
    assert_eq!(m.access(), Access::ReadWrite, "nothing newer is stored now");
}

#[test]
fn a_backup_that_replaces_everything_is_written_at_once_unmerged() {
    let mut m = started(Stored::Readable(with(&[("l.a", "here")])));
    let backup = with(&[("l.b", "from the backup")]);
    let commands = m.handle(Event::Replaced(backup.clone()));
    assert!(commands.contains(&Command::Show(backup.clone())));
    assert_eq!(writes(&commands), [&backup]);
}

mod two_tabs {
    //! Two tabs, one storage: each tab edits and deletes its own items
    //! (the everyday case: a lesson in one tab, the journal in another) in
    //! any order, with saves, timers and the storage events between them
    //! delivered late and in between. Once every event has arrived and both
    //! tabs have saved, storage and both tabs hold every tab's last word on
    //! each of its items: no edit is lost and no deletion comes back.

    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Edit {
            tab: usize,
            item: u8,
            value: u16,
        },
        Delete {
            tab: usize,
            item: u8,
        },
        Finish {
            tab: usize,
            item: u8,
        },
        TimerFires {
            tab: usize,
        },
        PageHides {
            tab: usize,
        },
        Deliver {
            tab: usize,
        },
        /// An encrypted write, prepared since its save, reaches storage.
        WriteLands {
            tab: usize,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        let tab = 0..2usize;
        let item = 0..4u8;
        prop_oneof![
            3 => (tab.clone(), item.clone(), any::<u16>()).prop_map(|(tab, item, value)| Op::Edit { tab, item, value }),
            1 => (tab.clone(), item.clone()).prop_map(|(tab, item)| Op::Delete { tab, item }),
            1 => (tab.clone(), item.clone()).prop_map(|(tab, item)| Op::Finish { tab, item }),
            2 => tab.clone().prop_map(|tab| Op::TimerFires { tab }),
            1 => tab.clone().prop_map(|tab| Op::PageHides { tab }),
            3 => tab.clone().prop_map(|tab| Op::Deliver { tab }),
            2 => tab.prop_map(|tab| Op::WriteLands { tab }),
        ]
    }

    struct Tab {
        machine: Machine<Progress>,
        /// What the page shows (the signal).
        shown: Progress,
        timer: bool,
        /// Storage events not yet delivered. Each only says that the
        /// other tab wrote: the tab reads what storage holds when it handles
        /// one, as the app does (an event's own value may be stale by then).
        events: usize,
        /// As the app's saver keeps it: the stored text of the machine's
        /// `base`, while it is that. A tab finding it in storage says
        /// `Stored::Unchanged` instead of reading.
        base_text: Option<(String, Progress)>,
        /// With the lock on, a write is encrypted first and lands later, if
        /// storage still holds what it held when the write was asked for.
        pending: Option<(String, Progress, Option<String>)>,
    }

    struct World {
        storage: Option<String>,
        tabs: [Tab; 2],
        /// Writes are encrypted (the lock is on): they land later.
        sealed: bool,
    }

    fn id(tab: usize, item: u8) -> String {
        format!("tab{tab}.item{item}")
    }

    fn slug(tab: usize, item: u8) -> String {
        format!("lesson-{tab}-{item}")
    }

    impl World {
        fn new(sealed: bool) -> Self {
            let tab = || Tab {
                machine: Machine::start(Some(Stored::Nothing)).0,
                shown: Progress::default(),
                timer: false,
                events: 0,
                base_text: None,
                pending: None,
            };
            World {
                storage: None,
                tabs: [tab(), tab()],
                sealed,
            }
        }

        fn stored(&self) -> Stored<Progress> {
            codec::stored(self.storage.as_deref())
        }

        /// Feeds what storage holds, as the app's saver does: `Unchanged`
        /// when it holds the text of the machine's base, else read; a doc
        /// read that becomes the base is remembered with its text.
        fn feed_stored(&mut self, tab: usize, event: fn(Stored<Progress>) -> Event<Progress>) {
            let known = self.tabs[tab]
                .base_text
                .as_ref()
                .is_some_and(|(text, _)| Some(text) == self.storage.as_ref());
            if known {
                return self.feed(tab, event(Stored::Unchanged));
            }
            let stored = self.stored();
            let read = match (&stored, &self.storage) {
                (Stored::Readable(doc), Some(text)) => Some((text.clone(), doc.clone())),
                _ => None,
            };
            self.feed(tab, event(stored));
            if let Some((text, doc)) = read {
                if self.tabs[tab].machine.base() == &doc {
                    self.tabs[tab].base_text = Some((text, doc));
                }
            }
        }

        fn feed(&mut self, tab: usize, event: Event<Progress>) {
            let commands = self.tabs[tab].machine.handle(event);
            let base = self.tabs[tab].machine.base().clone();
            if self.tabs[tab]
                .base_text
                .as_ref()
                .is_some_and(|(_, doc)| *doc != base)
            {
                self.tabs[tab].base_text = None;
            }
            for command in commands {
                match command {
                    Command::Show(doc) => {
                        self.tabs[tab].shown = doc.clone();
                        // The effect that follows the signal.
                        self.feed(tab, Event::Changed(doc));
                    }
                    Command::ArmTimer => self.tabs[tab].timer = true,
                    Command::CancelTimer => self.tabs[tab].timer = false,
                    Command::Write(doc) => {
                        let text = codec::encode(&doc).unwrap();
                        if self.sealed {
                            self.tabs[tab].pending = Some((text, doc, self.storage.clone()));
                        } else {
                            self.put(tab, text, doc);
                        }
                    }
                    Command::Reread => self.feed_stored(tab, Event::StoredElsewhere),
                    Command::KeepAside(_) | Command::Tell(_) | Command::ClearNotice => {}
                }
            }
        }

        fn put(&mut self, tab: usize, text: String, doc: Progress) {
            self.storage = Some(text.clone());
            self.tabs[1 - tab].events += 1;
            self.tabs[tab].base_text = Some((text, doc));
            self.feed(tab, Event::Written);
        }

        /// The encrypted write lands, or is dropped if storage changed
        /// since (then what storage holds is read again).
        fn land(&mut self, tab: usize) -> bool {
            let Some((text, doc, expected)) = self.tabs[tab].pending.take() else {
                return false;
            };
            if self.storage == expected {
                self.put(tab, text, doc);
            } else {
                self.feed(tab, Event::Overtaken);
            }
            true
        }

        fn change(&mut self, tab: usize, f: impl FnOnce(&mut Progress)) {
            f(&mut self.tabs[tab].shown);
            let shown = self.tabs[tab].shown.clone();
            self.feed(tab, Event::Changed(shown));
        }

        fn flush(&mut self, tab: usize) {
            let shown = self.tabs[tab].shown.clone();
            self.feed(tab, Event::Changed(shown));
            self.feed_stored(tab, Event::Save);
        }

        fn deliver(&mut self, tab: usize) -> bool {
            if self.tabs[tab].events == 0 {
                return false;
            }
            self.tabs[tab].events -= 1;
            self.feed_stored(tab, Event::StoredElsewhere);
            true
        }

        fn apply(&mut self, op: &Op) {
            match *op {
                Op::Edit { tab, item, value } => self.change(tab, |p| {
                    p.set_reflection(&id(tab, item), text(&value.to_string()), 1.0)
                }),
                Op::Delete { tab, item } => {
                    self.change(tab, |p| p.set_reflection(&id(tab, item), text(""), 1.0))
                }
                Op::Finish { tab, item } => {
                    self.change(tab, |p| p.complete(&slug(tab, item)));
                    // As lesson_end's Finish does.
                    self.flush(tab);
                }
                Op::TimerFires { tab } => {
                    if std::mem::take(&mut self.tabs[tab].timer) {
                        self.feed_stored(tab, Event::Save);
                    }
                }
                Op::PageHides { tab } => self.flush(tab),
                Op::Deliver { tab } => {
                    self.deliver(tab);
                }
                Op::WriteLands { tab } => {
                    self.land(tab);
                }
            }
        }

        /// Every event arrives and both tabs save, until nothing moves.
        fn settle(&mut self) {
            for _ in 0..20 {
                let moved = self.land(0) | self.land(1) | self.deliver(0) | self.deliver(1);
                self.flush(0);
                self.flush(1);
                let waiting = self
                    .tabs
                    .iter()
                    .any(|t| t.events > 0 || t.pending.is_some());
                if !moved && !waiting {
                    return;
                }
            }
            panic!("the tabs never settled");
        }
    }

    /// Each tab's last word on each of its items.
    fn expected(ops: &[Op]) -> (Vec<(String, Option<String>)>, Vec<String>) {
        let mut items = std::collections::BTreeMap::new();
        let mut finished = std::collections::BTreeSet::new();
        for op in ops {
            match *op {
                Op::Edit { tab, item, value } => {
                    items.insert(id(tab, item), Some(value.to_string()));
                }
                Op::Delete { tab, item } => {
                    items.insert(id(tab, item), None);
                }
                Op::Finish { tab, item } => {
                    finished.insert(slug(tab, item));
                }
                _ => {}
            }
        }
        (items.into_iter().collect(), finished.into_iter().collect())
    }

    fn value_of(p: &Progress, id: &str) -> Option<String> {
        p.reflection(id).map(|e| match &e.value {
            ReflectionValue::Text(t) => t.clone(),
            other => panic!("unexpected {other:?}"),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
        ))]

        #[test]
        fn no_edit_is_lost_and_no_deletion_comes_back(
            ops in prop::collection::vec(op(), 0..60),
            sealed in any::<bool>(),
        ) {
            let mut world = World::new(sealed);
            for op in &ops {
                world.apply(op);
            }
            world.settle();
            let stored = match world.stored() {
                Stored::Readable(p) => p,
                Stored::Nothing => Progress::default(),
                other => panic!("storage unreadable: {other:?}"),
            };
            let (items, finished) = expected(&ops);
            for (id, value) in &items {
                prop_assert_eq!(&value_of(&stored, id), value, "{} in storage", id);
            }
            for slug in &finished {
                prop_assert!(stored.is_complete(slug), "{} finished", slug);
            }
            prop_assert_eq!(stored.reflections.len(), items.iter().filter(|(_, v)| v.is_some()).count());
            for tab in &world.tabs {
                prop_assert_eq!(&tab.shown, &stored);
                prop_assert_eq!(tab.machine.ours(), &stored);
                prop_assert_eq!(tab.machine.save_state(), SaveState::Saved);
            }
        }
    }
}
