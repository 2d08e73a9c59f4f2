//! What the reader does before the saving core's code has arrived (it
//! comes in a chunk of its own, `crate::saving`): which of it waits for the
//! core, what is left to hand the core once it has started, and whether a
//! core that does not come must be told. The app's saver keeps the inputs;
//! these rules decide.

use super::core::Input;
use super::machine::Document;

/// Whether `input`, coming before the core, needs it (it then waits, in
/// order, and the core's code is fetched). The blank document a page being
/// taken over was shown is no change, and a save with nothing waiting has
/// nothing to save; anything else needs the core.
pub fn needs_core<D: Document>(input: &Input<D>, waiting: &[Input<D>]) -> bool {
    match input {
        Input::Changed(doc) => *doc != D::default(),
        Input::Save => !waiting.is_empty(),
        _ => true,
    }
}

/// Puts `input` in line: a change right after a change replaces it (each
/// holds the whole document), so typing while the code is away keeps one
/// copy, not one per key.
pub fn hold<D>(waiting: &mut Vec<Input<D>>, input: Input<D>) {
    if matches!(
        (&input, waiting.last()),
        (Input::Changed(_), Some(Input::Changed(_)))
    ) {
        waiting.pop();
    }
    waiting.push(input);
}

/// Once the core has started from the document the reader sees (what they
/// changed meanwhile merged onto what storage holds): what still waits for
/// it. The changes are in the core already; the rest keeps its order.
pub fn left_after_start<D>(waiting: &mut Vec<Input<D>>) {
    waiting.retain(|input| !matches!(input, Input::Changed(_)));
}

/// Whether the reader must be told that saving waits for code that has not
/// arrived: only when something of theirs waits for it.
pub fn tell_when_missing<D>(waiting: &[Input<D>]) -> bool {
    !waiting.is_empty()
}
