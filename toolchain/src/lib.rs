//! Builds Rust guest crates for Rivet's RV32EM targets.
//!
//! Guests are `#![no_std] #![no_main]` binaries built with the project's stable
//! toolchain for `riscv32em(c)-unknown-none-elf` with `-Z build-std=core,alloc`
//! (enabled by `RUSTC_BOOTSTRAP=1`, so no nightly is needed), Rivet's linker script
//! (`link.x`, which fixes the memory layout) and `--emit-relocs` (which the ELF → blob
//! linker needs to find indirect-jump targets). This crate only produces ELFs; linking
//! them to blobs is `rivet_executor::linker`.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod metadata;
mod wasm;

pub use metadata::contract_metadata;
pub use wasm::runtime_wasm;

/// The linker script every guest is linked with.
pub const LINKER_SCRIPT: &str = include_str!("link.x");

/// Which RV32E target to build for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestTarget {
    /// RV32EM: 4-byte instructions only.
    Rv32em,
    /// RV32EMC: with compressed instructions (smaller ELF; the blob expands them).
    Rv32emc,
}

impl GuestTarget {
    /// The rustc target triple.
    pub fn triple(self) -> &'static str {
        match self {
            GuestTarget::Rv32em => "riscv32em-unknown-none-elf",
            GuestTarget::Rv32emc => "riscv32emc-unknown-none-elf",
        }
    }
}

/// What to build.
#[derive(Clone, Debug)]
pub struct GuestBuild {
    /// The guest crate (directory holding its `Cargo.toml`).
    pub manifest_dir: PathBuf,
    /// Target.
    pub target: GuestTarget,
    /// Only these binaries (`None`: all of the package's binaries).
    pub bins: Option<Vec<String>>,
    /// Target directory (`None`: `$CARGO_TARGET_DIR/rivet-guests`, else
    /// `<manifest_dir>/target`).
    pub target_dir: Option<PathBuf>,
    /// Cargo profile of a guest program when [`GuestBuild::tuned`] is not set (`release`
    /// unless set; the guest workspace may define others, such as `size` for
    /// `opt-level = "z"`); `release` and `dev` keep line tables for the ELF beside the
    /// blob whatever the workspace says, others build as the workspace says.
    pub profile: String,
    /// The settings the tool applies itself: always for a contract (a library crate, as
    /// ink! contracts are; `None` is [`Profile::Size`]), for a program only when set.
    pub tuned: Option<Profile>,
    /// Echo cargo's progress (`Compiling …`, warnings, errors) to stderr while it builds.
    pub progress: bool,
}

/// How the tool builds a crate when it applies the settings itself, as cargo-contract
/// does, so that a standalone crate builds the same as one in a tuned workspace. The ELF
/// beside the blob maps a trap's address to its function (symbols are never stripped)
/// and, where the profile keeps line tables (`debug = "line-tables-only"`: `release`
/// and `debug`), to its file and line. Debug sections never reach the blob, but at
/// `opt-level = "z"` with LTO line tables change the code LLVM emits (erc20: 2,992
/// instructions instead of 2,899), so `size` keeps symbols only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// Cargo's `release` profile for size: `opt-level = "z"`, fat LTO, one codegen unit,
    /// `panic = "abort"`, overflow checks on (as ink! 5 contracts are built: an overflow
    /// traps instead of wrapping), no debug assertions; symbols but no line tables. The
    /// default for contracts.
    #[default]
    Size,
    /// As [`Profile::Size`] at `opt-level = 3`, with line tables: faster code, larger
    /// blobs.
    Release,
    /// Cargo's `dev` profile at `opt-level = 1` (unoptimised RV32E code is too large to be
    /// useful), with debug assertions, overflow checks, frame pointers (for backtraces),
    /// ink!'s debug messages (`ink/ink-debug`, for crates that depend on `ink`) and panic
    /// messages through the debug-message host function (`guest-rt`).
    Debug,
}

impl core::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Profile, String> {
        match s {
            "size" => Ok(Profile::Size),
            "release" => Ok(Profile::Release),
            "debug" => Ok(Profile::Debug),
            _ => Err(format!("unknown profile `{s}` (size, release or debug)")),
        }
    }
}

impl Profile {
    /// The cargo profile and the `CARGO_PROFILE_*` settings it is built with.
    pub fn settings(self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let optimised = |opt_level, lines: bool| {
            let mut settings = vec![
                ("CARGO_PROFILE_RELEASE_OPT_LEVEL", opt_level),
                ("CARGO_PROFILE_RELEASE_LTO", "fat"),
                ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1"),
                ("CARGO_PROFILE_RELEASE_PANIC", "abort"),
                ("CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS", "true"),
                ("CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS", "false"),
            ];
            // Without line tables, cargo's default strip (`debuginfo`) keeps the symbols;
            // stripping nothing changed how LTO laid out erc20's code.
            settings.extend(if lines {
                [
                    ("CARGO_PROFILE_RELEASE_DEBUG", "line-tables-only"),
                    ("CARGO_PROFILE_RELEASE_STRIP", "none"),
                ]
                .as_slice()
            } else {
                [("CARGO_PROFILE_RELEASE_DEBUG", "false")].as_slice()
            });
            settings
        };
        match self {
            Profile::Size => ("release", optimised("z", false)),
            Profile::Release => ("release", optimised("3", true)),
            Profile::Debug => (
                "dev",
                vec![
                    ("CARGO_PROFILE_DEV_OPT_LEVEL", "1"),
                    ("CARGO_PROFILE_DEV_PANIC", "abort"),
                    ("CARGO_PROFILE_DEV_OVERFLOW_CHECKS", "true"),
                    ("CARGO_PROFILE_DEV_DEBUG_ASSERTIONS", "true"),
                    ("CARGO_PROFILE_DEV_DEBUG", "line-tables-only"),
                    ("CARGO_PROFILE_DEV_STRIP", "none"),
                    ("CARGO_PROFILE_DEV_INCREMENTAL", "false"),
                ],
            ),
        }
    }
}

impl GuestBuild {
    /// A release build of all binaries of the crate at `manifest_dir`.
    pub fn new(manifest_dir: impl Into<PathBuf>, target: GuestTarget) -> GuestBuild {
        GuestBuild {
            manifest_dir: manifest_dir.into(),
            target,
            bins: None,
            target_dir: None,
            profile: "release".into(),
            tuned: None,
            progress: false,
        }
    }

    pub(crate) fn target_dir(&self) -> PathBuf {
        if let Some(dir) = &self.target_dir {
            return dir.clone();
        }
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir).join("rivet-guests"),
            // Relative to the crate (callers join it to the crate's directory).
            _ => PathBuf::from("target"),
        }
    }
}

/// One built ELF.
#[derive(Clone, Debug)]
pub struct BuiltElf {
    /// The binary's name.
    pub name: String,
    /// Path of the ELF.
    pub path: PathBuf,
}

/// Why a guest build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The `rust-src` component, which build-std compiles, is not installed.
    MissingRustSrc(PathBuf),
    /// The crate directory has no `Cargo.toml`.
    NoManifest(PathBuf),
    /// cargo could not be started.
    Spawn(std::io::Error),
    /// cargo failed; its stderr.
    Cargo(String),
    /// cargo succeeded but reported no binaries.
    NoBinaries,
    /// Anything else with a message.
    Other(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingRustSrc(p) => write!(
                f,
                "the `rust-src` component is missing (looked in {}); run `rustup component add rust-src`",
                p.display()
            ),
            BuildError::NoManifest(p) => write!(f, "no Cargo.toml in {}", p.display()),
            BuildError::Spawn(e) => write!(f, "cannot run cargo: {e}"),
            BuildError::Cargo(stderr) => write!(f, "cargo build failed:\n{stderr}"),
            BuildError::NoBinaries => f.write_str("the crate has no binary targets to link"),
            BuildError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BuildError {}

/// Environment variables of an outer cargo (a test harness, a build script) that would
/// change or break the nested guest build.
const INHERITED_VARS: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTDOCFLAGS",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_MAKEFLAGS",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_DIR",
    "__CARGO_FIX_PLZ",
    "CARGO_BUILD_JOBS_OVERRIDE",
    "CARGO_INCREMENTAL",
    "CARGO_LLVM_COV",
    "LLVM_PROFILE_FILE",
];

/// 64-bit FNV-1a of `text`: a stable name for the linker script's version.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// `cargo` without the environment of an outer cargo (for nested builds from tests
/// and tools).
pub fn nested_cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for var in INHERITED_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// The rustflags every guest is built with.
pub fn rustflags(linker_script: &Path) -> Vec<String> {
    vec![
        format!("-Clink-arg=-T{}", linker_script.display()),
        "-Clink-arg=--emit-relocs".into(),
        "-Cpanic=abort".into(),
        "-Crelocation-model=static".into(),
    ]
}

/// `rustc --version` of the toolchain that builds the crate in `dir` (what the
/// metadata's `source.compiler` says), e.g. `rustc 1.86.0-nightly (…)`.
pub fn rustc_version(dir: &Path) -> Option<String> {
    let out = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("--version")
        .current_dir(dir)
        .output()
        .ok()?;
    let version = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !version.is_empty()).then_some(version)
}

/// The `rust-src` path build-std needs, for the toolchain `cargo`/`rustc` resolve to in
/// `dir`.
fn rust_src_dir(dir: &Path) -> Result<PathBuf, BuildError> {
    let out = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .args(["--print", "sysroot"])
        .current_dir(dir)
        .output()
        .map_err(BuildError::Spawn)?;
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok(PathBuf::from(sysroot).join("lib/rustlib/src/rust/library"))
}

/// Builds the guest crate and returns its ELFs.
///
/// # Errors
/// A [`BuildError`] with an actionable message (including cargo's stderr on failure).
pub fn build(request: &GuestBuild) -> Result<Vec<BuiltElf>, BuildError> {
    let manifest = request.manifest_dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Err(BuildError::NoManifest(request.manifest_dir.clone()));
    }
    let dir = &request.manifest_dir.canonicalize().map_err(|e| BuildError::Other(e.to_string()))?;
    let manifest = dir.join("Cargo.toml");
    let src = rust_src_dir(dir)?;
    if !src.join("core").is_dir() {
        // Set it up, as a user would: `rustup component add rust-src` for the toolchain
        // that `cargo` resolves to in this directory.
        let added = Command::new("rustup")
            .args(["component", "add", "rust-src"])
            .current_dir(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !added || !src.join("core").is_dir() {
            return Err(BuildError::MissingRustSrc(src));
        }
    }
    let target_dir = request.target_dir();
    let target_dir = if target_dir.is_relative() { dir.join(target_dir) } else { target_dir };
    std::fs::create_dir_all(&target_dir)
        .map_err(|e| BuildError::Other(format!("{}: {e}", target_dir.display())))?;
    // Named by its contents: the path is in the rustflags, so a changed script changes
    // cargo's fingerprints and relinks every guest (a changed file alone did not).
    let script = target_dir.join(format!("rivet-link-{:016x}.x", fnv1a(LINKER_SCRIPT)));
    // Only rewrite when changed, so cargo's fingerprints (which see the path) stay valid.
    // Written whole (a temporary file renamed over it): builds running side by side (the
    // tests' threads) must never see it part written, which links a guest with a
    // truncated script.
    if std::fs::read_to_string(&script).ok().as_deref() != Some(LINKER_SCRIPT) {
        static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = script.with_extension(format!("x.{}.{n}.tmp", std::process::id()));
        std::fs::write(&tmp, LINKER_SCRIPT)
            .and_then(|()| std::fs::rename(&tmp, &script))
            .map_err(|e| BuildError::Other(format!("{}: {e}", script.display())))?;
    }
    let mut cmd = nested_cargo();
    // A library crate (as ink! contracts are) is linked as an executable: its exports
    // come from `.rivet_exports`, not from a `main`.
    let lib_as_bin = request.bins.is_none() && !has_bin_target(dir);
    let tuned = if lib_as_bin { Some(request.tuned.unwrap_or_default()) } else { request.tuned };
    let mut flags = rustflags(&script);
    if tuned == Some(Profile::Debug) {
        flags.push("-Cforce-frame-pointers=yes".into());
    }
    cmd.current_dir(dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f"));
    if lib_as_bin {
        // Contracts default to the `std` feature for off-chain tests, as in ink!.
        cmd.args(["rustc", "--lib", "--crate-type", "bin", "--no-default-features"]);
        if tuned == Some(Profile::Debug) && depends_on(dir, &["ink"]) {
            cmd.args(["--features", "ink/ink-debug"]);
        }
    } else {
        cmd.arg("build");
    }
    let profile = match tuned {
        Some(tuned) => {
            let (profile, settings) = tuned.settings();
            cmd.envs(settings);
            profile.to_string()
        }
        None => {
            // The workspace's profile; `release` and `dev` with line tables for the map
            // (they leave the code as it is at their optimisation levels).
            for name in
                ["RELEASE", "DEV"].into_iter().filter(|n| request.profile.eq_ignore_ascii_case(n))
            {
                cmd.env(format!("CARGO_PROFILE_{name}_DEBUG"), "line-tables-only")
                    .env(format!("CARGO_PROFILE_{name}_STRIP"), "none");
            }
            request.profile.clone()
        }
    };
    cmd.arg("--profile")
        .arg(profile)
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target")
        .arg(request.target.triple())
        .args(["-Z", "build-std=core,alloc", "--message-format=json-render-diagnostics"])
        .arg("--target-dir")
        .arg(&target_dir);
    match &request.bins {
        Some(bins) => bins.iter().for_each(|b| {
            cmd.arg("--bin").arg(b);
        }),
        None if !lib_as_bin => {
            cmd.arg("--bins");
        }
        None => {}
    }
    let (status, stdout, stderr) = run(cmd, request.progress)?;
    if !status.success() {
        return Err(BuildError::Cargo(stderr));
    }
    let json = String::from_utf8_lossy(&stdout);
    let elfs = if lib_as_bin { library_executable(&json, dir) } else { executables(&json) };
    if elfs.is_empty() {
        return Err(BuildError::NoBinaries);
    }
    Ok(elfs)
}

/// Runs cargo, collecting stdout (its JSON messages) and stderr; with `progress`, each
/// stderr line (`Compiling …`, diagnostics) is echoed as it comes.
fn run(
    mut cmd: Command,
    progress: bool,
) -> Result<(std::process::ExitStatus, Vec<u8>, String), BuildError> {
    let mut child =
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(BuildError::Spawn)?;
    let stderr = child.stderr.take().expect("piped; qed");
    let echo = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if progress {
                eprintln!("{line}");
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let mut stdout = Vec::new();
    child.stdout.take().expect("piped; qed").read_to_end(&mut stdout).map_err(BuildError::Spawn)?;
    let status = child.wait().map_err(BuildError::Spawn)?;
    let stderr = echo.join().unwrap_or_default();
    Ok((status, stdout, stderr))
}

/// Whether the crate at `dir` declares a dependency named one of `names` (`ink`, say).
pub fn depends_on(dir: &Path, names: &[&str]) -> bool {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    manifest.lines().map(str::trim_start).any(|line| {
        names.iter().any(|name| {
            line.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with('='))
        })
    })
}

/// Whether the crate at `dir` has binary targets (`src/main.rs`, `src/bin/`, or
/// `[[bin]]` in its manifest); a crate without is a library, as contracts are.
pub fn has_bin_target(dir: &Path) -> bool {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    dir.join("src/main.rs").is_file()
        || dir.join("src/bin").is_dir()
        || manifest.contains("[[bin]]")
}

/// The executable `cargo rustc --lib --crate-type bin` made: the `filenames` entry of the
/// crate's own `compiler-artifact` message (the last one, after its dependencies').
fn library_executable(json_lines: &str, dir: &Path) -> Vec<BuiltElf> {
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let line = json_lines.lines().rev().find(|l| {
        l.contains("\"reason\":\"compiler-artifact\"")
            && l.contains(&format!("\"manifest_path\":\"{manifest}\""))
    });
    let Some(line) = line else { return Vec::new() };
    let Some(path) = string_field(line, "\"filenames\":[") else { return Vec::new() };
    // Named after the package (`raw-contract`), not the library target (`raw_contract`),
    // as a binary would be.
    let name = package_name(dir).or_else(|| string_field(line, "\"name\":")).unwrap_or_default();
    vec![BuiltElf { name, path: PathBuf::from(path) }]
}

/// `name` of the `[package]` section of the crate's manifest.
fn package_name(dir: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let package = manifest.split("[package]").nth(1)?;
    let section = package.split("\n[").next()?;
    section.lines().find_map(|l| {
        let (key, value) = l.split_once('=')?;
        (key.trim() == "name").then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Extracts `(name, executable)` of `bin` targets from cargo's JSON messages. A tiny
/// scanner rather than a JSON dependency: cargo's `compiler-artifact` lines have a fixed
/// shape, and only two string fields are needed.
fn executables(json_lines: &str) -> Vec<BuiltElf> {
    let mut out = Vec::new();
    for line in json_lines.lines() {
        if !line.contains("\"reason\":\"compiler-artifact\"")
            || !line.contains("\"kind\":[\"bin\"]")
        {
            continue;
        }
        let (Some(name), Some(path)) =
            (string_field(line, "\"name\":"), string_field(line, "\"executable\":"))
        else {
            continue;
        };
        out.push(BuiltElf { name, path: PathBuf::from(path) });
    }
    out
}

fn string_field(line: &str, key: &str) -> Option<String> {
    let start = line.find(key)? + key.len();
    let rest = line[start..].strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_binaries_in_cargo_json() {
        let json = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"guest_rt"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["bin"],"crate_types":["bin"],"name":"test-guest","src_path":"/x/src/main.rs"},"executable":"/t/riscv32em-unknown-none-elf/release/test-guest","fresh":true}
{"reason":"build-finished","success":true}"#;
        let elfs = executables(json);
        assert_eq!(elfs.len(), 1);
        assert_eq!(elfs[0].name, "test-guest");
        assert_eq!(elfs[0].path, PathBuf::from("/t/riscv32em-unknown-none-elf/release/test-guest"));
    }

    #[test]
    fn rustflags_name_the_script_and_keep_relocations() {
        let flags = rustflags(Path::new("/tmp/link.x"));
        assert!(flags.contains(&"-Clink-arg=-T/tmp/link.x".to_string()));
        assert!(flags.contains(&"-Clink-arg=--emit-relocs".to_string()));
    }

    #[test]
    fn library_crates_are_found_and_named_after_their_package() {
        let dir =
            std::env::temp_dir().join(format!("rivet-toolchain-lib-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"my-contract\"\nversion = \"0.1.0\"\n\n[lib]\npath = \"src/lib.rs\"\n").unwrap();
        std::fs::write(dir.join("src/lib.rs"), "").unwrap();
        assert!(!has_bin_target(&dir));
        assert_eq!(package_name(&dir).as_deref(), Some("my-contract"));
        let manifest = dir.join("Cargo.toml");
        let json = format!(
            r#"{{"reason":"compiler-artifact","manifest_path":"{}","target":{{"kind":["lib"],"name":"my_contract"}},"filenames":["/t/my_contract"],"executable":null}}"#,
            manifest.display()
        );
        let elfs = library_executable(&json, &dir);
        assert_eq!(
            (elfs[0].name.as_str(), elfs[0].path.to_str().unwrap()),
            ("my-contract", "/t/my_contract")
        );
        std::fs::write(dir.join("src/main.rs"), "").unwrap();
        assert!(has_bin_target(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_manifest_is_a_clear_error() {
        let err = build(&GuestBuild::new("/nonexistent/guest", GuestTarget::Rv32em)).unwrap_err();
        assert_eq!(err.to_string(), "no Cargo.toml in /nonexistent/guest");
    }
}
