//! The quiet "Loading …" line a page shows while its code or texts arrive.

use leptos::prelude::*;
use std::time::Duration;

/// How long a wait goes unmentioned: most loads end sooner, and a line that
/// flashes up and away is noise. The stylesheet fades the line in after the
/// same time.
const QUIET_FOR: Duration = Duration::from_millis(400);

/// `text` ("Loading the lesson…") in a box as tall as the window, so the
/// footer does not jump up and back down. The status region is in the page
/// before its words (they come after [`QUIET_FOR`], from a timer started in
/// an effect), so screen readers announce them.
#[component]
pub fn LoadingLine(text: &'static str) -> impl IntoView {
    let noticeable = RwSignal::new(false);
    Effect::new(move |_| {
        // The line may be gone by then: nothing to say.
        set_timeout(move || _ = noticeable.try_set(true), QUIET_FOR);
    });
    view! {
        <div class="lesson-loading">
            <p class="loading" role="status">
                {move || if noticeable.get() { text } else { "" }}
            </p>
        </div>
    }
}
