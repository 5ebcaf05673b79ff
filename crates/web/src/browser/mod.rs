//! What the HTML pages share: cookies, the CSRF check of forms, the view of who is looking
//! (`Ui`) and the pages shown when something goes wrong.

pub mod cookies;
pub mod csrf;
pub mod problem;
pub mod redirect;
pub mod ui;

pub use csrf::CsrfForm;
pub use ui::Ui;
