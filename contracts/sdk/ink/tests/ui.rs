//! Compile-fail tests: misuse of `#[ink::contract]` gives a clear error at the user's
//! code. Re-bless the expected output with `TRYBUILD=overwrite cargo test -p rivet-ink --test ui`.

#[test]
fn misuse_is_reported_at_the_users_span() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
