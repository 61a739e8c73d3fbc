//! End-to-end tests: the real `tk` binary against temporary git
//! repositories. One integration binary, one module per area.

mod common;

mod test_init;
