//! Small view pieces shared by pages.

pub mod backup_export;
pub mod backup_import;
pub mod check;
pub mod choice;
pub mod chunk_page;
pub mod confirm;
pub mod course_text;
pub mod download;
pub mod focus;
pub mod layout;
pub mod lesson_text;
pub mod link;
pub mod loading;
pub mod notices;
pub mod passphrase;
pub mod prose;
pub mod reflection;
pub mod settings;
pub mod shortcuts;
pub mod update_prompt;
pub mod workbook_download;
