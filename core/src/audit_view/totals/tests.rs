//! The remembered counts: carried on from memory while only the register
//! writes, and made whole again when another program has changed the file
//! (entries deleted behind the app's back show in the total at once).

use super::super::*;
use crate::backup::snapshot::tests::{add_case, register_file_in, PASS};

fn total(register: &Register) -> i64 {
    register
        .audit_page(&AuditQuery {
            page: 1,
            page_size: 10,
            ..AuditQuery::default()
        })
        .expect("page")
        .total
}

fn counted(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("counted")
}

#[test]
fn entries_deleted_by_another_program_leave_the_total_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = register_file_in(dir.path());
    for n in 0..6 {
        add_case(&mut register, &format!("C-{n}"));
    }
    let logged = counted(register.conn());
    assert_eq!(total(&register), logged);
    add_case(&mut register, "C-late");
    let logged = counted(register.conn());
    assert_eq!(total(&register), logged, "the app's own change counted");

    // The register's own connection never deletes an entry (its triggers
    // forbid it); forced to here, the total stays as remembered, which
    // shows the count is carried on from memory, not made again...
    let own = register.conn();
    own.execute_batch(
        "DROP TRIGGER change_log_no_delete;
         DELETE FROM change_log WHERE seq = 2;",
    )
    .expect("deleted");
    assert_eq!(total(&register), logged);

    // ...while a deletion by another program, with the passphrase, is a
    // commit on another connection: the whole count is made again.
    let other = crate::store::open(&dir.path().join("register.casereview"), PASS)
        .expect("opened beside the app");
    other
        .execute("DELETE FROM change_log WHERE seq IN (3, 4)", [])
        .expect("deleted");
    assert_eq!(counted(&other), logged - 3);
    assert_eq!(total(&register), logged - 3);
}
