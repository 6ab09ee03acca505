//! The command-line contract as trycmd cases: `tests/cmd/*.toml` (args, stdin, the expected
//! stdout and stderr beside each, the exit status) for every command, exit code and
//! `--format`, and the console samples of the README. `TRYCMD=overwrite cargo test --test
//! contract` re-blesses them after a deliberate change to the output.

#[test]
fn cli_contract_and_readme_samples() {
    trycmd::TestCases::new()
        .register_bin("neardup", trycmd::cargo::cargo_bin("neardup"))
        .case("tests/cmd/*.toml")
        .case("README.md");
}
