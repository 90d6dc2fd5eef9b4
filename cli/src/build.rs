//! `rivet build` and `rivet link`: guest crate → ELF (via `rivet-toolchain`) → blob.

use std::path::{Path, PathBuf};

use clap::Args;
use object::{Object, ObjectSection};
use rivet_executor::linker::{link, LinkerConfig};

use crate::style::status;

/// Arguments of `rivet build`.
#[derive(Args)]
pub struct BuildArgs {
    /// The guest crate (a directory with Cargo.toml); default: the current directory.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Build for RV32EM without the C extension (larger ELF; the blob is the same size).
    #[arg(long)]
    no_compressed: bool,
    /// Only this binary of the crate (repeatable).
    #[arg(long = "bin")]
    bins: Vec<String>,
    /// Stack size of the linked programs in bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    stack_size: u32,
    /// Directory for the blobs (default: `target/rivet` in the guest build's target dir).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// How to build: `size` (the default for contracts: opt-level "z", LTO, one codegen
    /// unit, overflow checks on), `release` (the same at opt-level 3) or `debug`
    /// (opt-level 1, debug assertions, frame pointers for backtraces, panic messages and
    /// ink!'s debug messages through the debug-message host function). A program
    /// without it is built with its workspace's `release` profile. Every profile keeps
    /// line tables in the ELF written beside the blob (`<name>.elf`), which maps traps
    /// to source lines; the blob is the same without them.
    #[arg(long, value_name = "size|release|debug")]
    profile: Option<rivet_toolchain::Profile>,
    /// Short for `--profile debug`.
    #[arg(long, conflicts_with = "profile")]
    debug: bool,
}

/// Builds the crate and links every binary, printing where the blobs are.
pub fn build(args: &BuildArgs) -> Result<(), String> {
    let target = if args.no_compressed {
        rivet_toolchain::GuestTarget::Rv32em
    } else {
        rivet_toolchain::GuestTarget::Rv32emc
    };
    let mut request = rivet_toolchain::GuestBuild::new(&args.path, target);
    if !args.bins.is_empty() {
        request.bins = Some(args.bins.clone());
    }
    let library = args.bins.is_empty() && is_library(&args.path)?;
    if library && !rivet_toolchain::depends_on(&args.path, &["ink", "guest-rt"]) {
        return Err(format!(
            "{} is not a contract: a contract is a library crate that depends on `ink` \
             (Rivet's SDK, with `#[ink::contract]`) or on `guest-rt` (exporting `deploy` and \
             `call`); a guest program is a binary crate",
            args.path.display()
        ));
    }
    request.progress = true;
    request.tuned = if args.debug { Some(rivet_toolchain::Profile::Debug) } else { args.profile };
    let profile = match request.tuned {
        None if !library => "its release profile",
        None | Some(rivet_toolchain::Profile::Size) => "size: opt-level z, LTO",
        Some(rivet_toolchain::Profile::Release) => "release: opt-level 3, LTO",
        Some(rivet_toolchain::Profile::Debug) => "debug: opt-level 1, debug assertions",
    };
    let kind = if library { "contract" } else { "program" };
    let kind = format!("{kind}, {profile}");
    eprintln!("{} {} ({}, {kind})", status("Building"), args.path.display(), target.triple());
    let elfs = rivet_toolchain::build(&request).map_err(|e| e.to_string())?;
    for elf in elfs {
        if library {
            let bytes =
                std::fs::read(&elf.path).map_err(|e| format!("{}: {e}", elf.path.display()))?;
            if !exports_entry_points(&bytes) {
                return Err(format!(
                    "{} built, but exports no `deploy` and `call`: not a contract (is \
                     `#[ink::contract]` missing from its library?)",
                    args.path.display()
                ));
            }
        }
        let out_dir = match &args.output {
            Some(dir) => dir.clone(),
            None => {
                elf.path.parent().map(|p| p.join("rivet")).unwrap_or_else(|| PathBuf::from("."))
            }
        };
        std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
        let out = out_dir.join(format!("{}.rvt", elf.name));
        let (blob, section) = link_file(&elf.path, Some(out), args.stack_size)?;
        if section.is_some() {
            // A contract: its metadata with types comes from a native build of it.
            eprintln!("{} metadata with types (native build)", status("Generating"));
            let metadata = rivet_toolchain::contract_metadata(&request)
                .map_err(|e| format!("cannot generate the metadata: {e}"))?;
            let code = std::fs::read(&blob).map_err(|e| format!("{}: {e}", blob.display()))?;
            let info = BuildInfo {
                compiler: rivet_toolchain::rustc_version(&args.path)
                    .unwrap_or_else(|| "rustc (unknown version)".into()),
                mode: if request.tuned == Some(rivet_toolchain::Profile::Debug) {
                    "Debug"
                } else {
                    "Release"
                },
                target: target.triple(),
            };
            write_metadata(&blob, &metadata, &code, &info)?;
        }
    }
    Ok(())
}

/// Whether the crate at `dir` is a library (a contract, if anything).
fn is_library(dir: &Path) -> Result<bool, String> {
    if !dir.join("Cargo.toml").is_file() {
        return Err(format!("no Cargo.toml in {}", dir.display()));
    }
    Ok(!rivet_toolchain::has_bin_target(dir))
}

/// Whether the ELF defines the contract entry points `deploy` and `call`.
fn exports_entry_points(elf: &[u8]) -> bool {
    use object::ObjectSymbol;
    let Ok(file) = object::File::parse(elf) else { return false };
    let defined = |name: &str| file.symbols().any(|s| s.is_definition() && s.name() == Ok(name));
    defined("deploy") && defined("call")
}

/// The contract's name, which `#[ink::contract]` puts in `.rivet_metadata`, if any.
fn metadata(elf: &[u8]) -> Option<Vec<u8>> {
    let file = object::File::parse(elf).ok()?;
    let data = file.section_by_name(".rivet_metadata")?.data().ok()?.to_vec();
    (!data.is_empty()).then_some(data)
}

/// Size of the ELF's executable sections, for size reports.
fn text_size(elf: &[u8]) -> Option<u64> {
    let file = object::File::parse(elf).ok()?;
    Some(file.sections().filter(|s| s.kind() == object::SectionKind::Text).map(|s| s.size()).sum())
}

fn link_bytes(elf: &[u8], path: &Path, stack_size: u32) -> Result<Vec<u8>, String> {
    let config = LinkerConfig { stack_size, ..LinkerConfig::default() };
    let parts = link(elf, &config).map_err(|e| format!("cannot link {}: {e}", path.display()))?;
    Ok(parts.to_bytes())
}

/// How a contract was built, for its metadata's `source` section.
pub struct BuildInfo {
    /// `rustc --version` of the guest toolchain.
    pub compiler: String,
    /// `Release` or `Debug`.
    pub mode: &'static str,
    /// The target triple.
    pub target: &'static str,
}

/// Completes the metadata the contract's generator wrote (ink!'s version 5) with the
/// `source` section cargo-contract writes — the code's hash (BLAKE2b-256, the code hash
/// on chain), the compiler and how it was built — and returns it with the `.contract`
/// bundle: the same document with the code itself in `source.wasm` (ink!'s key for
/// it, which `@polkadot/api-contract` and the Contracts UI read).
pub fn complete_metadata(
    metadata: &str,
    code: &[u8],
    info: &BuildInfo,
) -> Result<(String, String), String> {
    let mut json: serde_json::Value = serde_json::from_str(metadata)
        .map_err(|e| format!("the metadata generator wrote no JSON: {e}"))?;
    let source = json
        .get_mut("source")
        .and_then(serde_json::Value::as_object_mut)
        .ok_or("the metadata generator wrote no `source` section")?;
    source.insert(
        "hash".into(),
        format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(code))).into(),
    );
    source.insert("compiler".into(), info.compiler.clone().into());
    source.insert(
        "build_info".into(),
        serde_json::json!({
            "build_mode": info.mode,
            "rivet_version": env!("CARGO_PKG_VERSION"),
            "target": info.target,
        }),
    );
    let pretty = |j: &serde_json::Value| {
        serde_json::to_string_pretty(j).expect("a JSON value serializes; qed") + "\n"
    };
    let metadata = pretty(&json);
    json["source"]["wasm"] = format!("0x{}", hex::encode(code)).into();
    Ok((metadata, pretty(&json)))
}

/// Writes a contract's metadata (`<name>.json`) and bundle (`<name>.contract`) next to
/// its blob.
pub fn write_metadata(
    blob: &Path,
    metadata: &str,
    code: &[u8],
    info: &BuildInfo,
) -> Result<(), String> {
    let (metadata, bundle) = complete_metadata(metadata, code, info)?;
    for (extension, text) in [("json", metadata), ("contract", bundle)] {
        let path = blob.with_extension(extension);
        write_whole(&path, text.as_bytes())?;
        eprintln!("{} {}", status("Metadata"), path.display());
    }
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all: to a temporary file beside it, then
/// renamed over it, so that a reader (another `rivet` reading the blob and its metadata
/// while this one rebuilds them) never sees a file half written.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(name);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Links an ELF file to a blob file and prints the sizes; returns the blob's path and,
/// for a contract, its name from the ELF's `.rivet_metadata` section.
pub fn link_file(
    elf_path: &Path,
    output: Option<PathBuf>,
    stack_size: u32,
) -> Result<(PathBuf, Option<Vec<u8>>), String> {
    let elf = std::fs::read(elf_path).map_err(|e| format!("{}: {e}", elf_path.display()))?;
    let blob = link_bytes(&elf, elf_path, stack_size)?;
    let out = output.unwrap_or_else(|| elf_path.with_extension("rvt"));
    write_whole(&out, &blob)?;
    // The ELF beside the blob is its debug map (symbols, line tables).
    let map = rivet_debuginfo::DebugMap::path_beside(&out);
    let same = |a: &Path, b: &Path| {
        a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(a, b)| a == b)
    };
    if !same(&map, elf_path) {
        write_whole(&map, &elf)?;
    }
    let text = text_size(&elf).unwrap_or(0);
    eprintln!(
        "{} {} ({} bytes; ELF .text {} bytes)",
        status("Linked"),
        out.display(),
        blob.len(),
        text
    );
    Ok((out, metadata(&elf)))
}

/// Reads a blob, or links an ELF in memory. Returns the blob and, for an ELF, its
/// `.text` size.
pub fn load_program(path: &Path) -> Result<(Vec<u8>, Option<u64>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.starts_with(b"\x7fELF") {
        let text = text_size(&bytes);
        Ok((link_bytes(&bytes, path, 64 * 1024)?, text))
    } else {
        Ok((bytes, None))
    }
}
