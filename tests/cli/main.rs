//! End-to-end tests: the real `tk` binary against temporary git
//! repositories. One integration binary, one module per area.

mod common;

mod test_architecture;
mod test_attach;
mod test_auto_assign;
mod test_availability;
mod test_cache;
mod test_children;
mod test_completions;
mod test_config;
mod test_crash;
mod test_edit;
mod test_errors;
mod test_escalate;
mod test_foreign_edits;
mod test_hostile;
mod test_init;
mod test_injection;
mod test_lifecycle;
mod test_links;
mod test_list;
mod test_load;
mod test_log;
mod test_mail;
mod test_mail_send;
mod test_mail_smtp;
mod test_new;
mod test_no_prompt;
mod test_output;
mod test_ratings;
mod test_regression;
mod test_report;
mod test_search;
mod test_set;
mod test_show;
mod test_sla;
mod test_storage;
mod test_sync;
mod test_team;
mod test_types;
mod test_watch;
