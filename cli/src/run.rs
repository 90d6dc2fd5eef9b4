//! `rivet run`: call an export on the recompiler or the interpreter with a small debug
//! host, or as a contract against the mock host.
//!
//! The debug host answers host function 0, `debug_log(ptr, len)`, by printing the
//! guest's bytes; any other host call ends the run with an error naming it. The outcome
//! is said in words and by the exit status (0 finished or returned, 1 the tool failed,
//! 2 trapped, 3 out of gas, 4 reverted), with the function, file and line of a trap
//! from the ELF beside the blob (`rivet_debuginfo`); `--output-json` prints it for
//! scripts.

use std::path::PathBuf;
use std::sync::Arc;

use std::process::ExitCode;

use clap::Args;
use rivet_debuginfo::{DebugMap, Place};
use rivet_executor::isa::Reg;
use rivet_executor::{Instance, Limits, Module, Outcome, Program, TrapKind};
use serde_json::{json, Value as Json};

use crate::build::load_program;
use crate::style::heading;

/// Arguments of `rivet run`.
#[derive(Args)]
pub struct RunArgs {
    /// A program blob (`.rvt`) or an RV32E ELF, which is linked first.
    file: PathBuf,
    /// The export to call.
    export: String,
    /// Up to six u32 arguments (decimal or 0x hex), passed in a0–a5.
    args: Vec<String>,
    /// Gas limit.
    #[arg(long, default_value_t = 1_000_000_000)]
    gas: u64,
    /// Engine: `auto` (the recompiler where available), `interpreter` or `recompiler`.
    #[arg(long, default_value = "auto")]
    engine: rivet_executor::EngineKind,
    /// Run as a contract against the in-memory mock host (`rivet-mock-host`) with this
    /// call input (hex), instead of the debug host: prints the output, events, debug
    /// messages and storage.
    #[arg(long, value_name = "HEX")]
    input: Option<String>,
    /// Print the outcome as one JSON object (for scripts) instead of lines.
    #[arg(long)]
    output_json: bool,
}

fn parse_hex(s: &str) -> Result<Vec<u8>, String> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if !s.len().is_multiple_of(2) {
        return Err(format!("`{s}` has an odd number of hex digits"));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&s[i..i + 2], 16)
                .map_err(|_| format!("`{}` is not hex", &s[i..i + 2]))
        })
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// How a run ended, for the exit status and the report.
enum End {
    /// The export returned (`a0`, `a1`), or the contract returned data.
    Finished(Json),
    /// The contract reverted with data.
    Reverted(Vec<u8>),
    /// Trapped at `pc`.
    Trapped { kind: TrapKind, pc: u32, places: Vec<Place> },
    /// Out of gas.
    OutOfGas,
}

impl End {
    fn status(&self) -> ExitCode {
        ExitCode::from(match self {
            End::Finished(_) => 0,
            End::Trapped { .. } => 2,
            End::OutOfGas => 3,
            End::Reverted(_) => 4,
        })
    }
}

/// What a run printed besides its end: the guest's debug output and, for a contract,
/// the mock host's state, each a (label, text) line, and the same as JSON.
#[derive(Default)]
struct Extras {
    lines: Vec<(&'static str, String)>,
    json: serde_json::Map<String, Json>,
}

/// Runs `export` as a contract call against the mock host.
fn run_contract(
    instance: &mut dyn Instance,
    map: Option<&DebugMap>,
    args: &RunArgs,
    input: &str,
    extras: &mut Extras,
) -> Result<(End, u64), String> {
    let input = parse_hex(input)?;
    let mut host = rivet_mock_host::MockHost::default();
    let result = host.call(instance, &args.export, &input, args.gas);
    let messages: Vec<String> = host.debug_messages.clone();
    for m in &messages {
        extras.lines.push(("debug:", m.clone()));
    }
    extras.json.insert("debugMessages".into(), json!(messages));
    let out = match result {
        Ok(out) => out,
        Err(rivet_mock_host::MockError::Trap { kind, pc, .. }) => {
            let places = map.map(|m| m.places(instance, pc)).unwrap_or_default();
            return Ok((End::Trapped { kind, pc, places }, args.gas - instance.gas_left()));
        }
        Err(rivet_mock_host::MockError::OutOfGas) => return Ok((End::OutOfGas, args.gas)),
        Err(e) => return Err(e.to_string()),
    };
    if let Some(to) = out.terminated {
        extras.lines.push(("terminated", format!("in favour of 0x{}", hex(&to))));
        extras.json.insert("terminated".into(), json!(format!("0x{}", hex(&to))));
    }
    let mut events = Vec::new();
    for e in &host.events {
        let topics: Vec<String> = e.topics.iter().map(|t| format!("0x{}", hex(t))).collect();
        let data = format!("0x{}", hex(&e.data));
        extras.lines.push(("event:", format!("topics [{}] data {data}", topics.join(", "))));
        events.push(json!({ "topics": topics, "data": data }));
    }
    extras.json.insert("events".into(), json!(events));
    let mut storage = serde_json::Map::new();
    for (k, v) in &host.storage {
        extras.lines.push(("storage:", format!("0x{} = 0x{}", hex(k), hex(v))));
        storage.insert(format!("0x{}", hex(k)), json!(format!("0x{}", hex(v))));
    }
    extras.json.insert("storage".into(), Json::Object(storage));
    let end = if out.reverted {
        End::Reverted(out.data)
    } else {
        End::Finished(json!({ "data": format!("0x{}", hex(&out.data)) }))
    };
    Ok((end, out.gas_used))
}

fn parse_arg(s: &str) -> Result<u32, String> {
    let v = rivet_executor::asm::parse_int(s)?;
    if !(i32::MIN as i64..=u32::MAX as i64).contains(&v) {
        return Err(format!("argument `{s}` does not fit in 32 bits"));
    }
    Ok(v as u32)
}

/// Runs an export with the debug host (host function 0 prints).
fn run_export(
    instance: &mut dyn Instance,
    map: Option<&DebugMap>,
    args: &RunArgs,
    names: &[String],
    extras: &mut Extras,
) -> Result<(End, u64), String> {
    let values = args.args.iter().map(|a| parse_arg(a)).collect::<Result<Vec<_>, _>>()?;
    let mut exit = instance.call(&args.export, &values, args.gas).map_err(|e| {
        format!("cannot call `{}`: {e} (exports: {})", args.export, names.join(", "))
    })?;
    let mut printed = Vec::new();
    while let Outcome::HostCall { number, args: a } = exit.outcome {
        if number != 0 {
            return Err(format!(
                "host function {number} (args {a:?}) is not provided by the debug host"
            ));
        }
        let mut buf = vec![0; a[1] as usize];
        instance.read_memory(a[0], &mut buf).map_err(|e| format!("debug_log: {e}"))?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        extras.lines.push(("[guest]", text.clone()));
        printed.push(text);
        instance.set_reg(Reg::A0, 0);
        exit = instance.resume().map_err(|e| e.to_string())?;
    }
    extras.json.insert("debugMessages".into(), json!(printed));
    let end = match exit.outcome {
        Outcome::Finished { a0, a1 } => End::Finished(json!({ "a0": a0, "a1": a1 })),
        Outcome::Trap { kind, pc } => {
            let places = map.map(|m| m.places(instance, pc)).unwrap_or_default();
            End::Trapped { kind, pc, places }
        }
        Outcome::OutOfGas => End::OutOfGas,
        Outcome::HostCall { .. } => unreachable!("host calls are answered above"),
    };
    Ok((end, args.gas - exit.gas_left))
}

/// The trap's kind as JSON: its name and the address it names.
fn trap_json(kind: TrapKind, pc: u32, places: &[Place]) -> Json {
    let (name, address) = match kind {
        TrapKind::Unimp => ("unimp", None),
        TrapKind::Ebreak => ("ebreak", None),
        TrapKind::InvalidMemoryAccess { addr } => ("invalidMemoryAccess", Some(addr)),
        TrapKind::InvalidJump { target } => ("invalidJump", Some(target)),
    };
    let frames: Vec<Json> = places
        .iter()
        .flat_map(|p| {
            p.frames.iter().map(move |f| {
                json!({ "pc": p.pc, "function": f.function, "file": f.file, "line": f.line })
            })
        })
        .collect();
    let location = rivet_debuginfo::blame(places)
        .map(|f| json!({ "function": f.function, "file": f.file, "line": f.line }));
    json!({
        "kind": name, "address": address, "pc": pc, "message": kind.to_string(),
        "location": location, "backtrace": frames,
    })
}

/// Runs the export and prints the outcome and gas used; the exit status says how it
/// ended.
pub fn run(args: &RunArgs) -> Result<ExitCode, String> {
    // An ELF is linked in memory (its `.text` size comes back); a blob is read.
    let (blob, elf_text) = load_program(&args.file)?;
    let program = Program::from_bytes(&blob, &Limits::default()).map_err(|e| e.to_string())?;
    // The ELF itself, or the one beside the blob, maps addresses to source lines.
    let map = if elf_text.is_some() {
        std::fs::read(&args.file).ok().and_then(|elf| DebugMap::from_elf(&elf).ok())
    } else {
        match DebugMap::beside(&args.file, &program) {
            Some(Ok(map)) => Some(map),
            Some(Err(e)) => {
                eprintln!("{} {e}", crate::style::warning("warning:"));
                None
            }
            None => None,
        }
    };
    let names: Vec<_> = program.parts().exports.iter().map(|e| e.name.clone()).collect();
    let module = Module::new(Arc::new(program), args.engine).map_err(|e| e.to_string())?;
    let mut instance = module.instantiate().map_err(|e| e.to_string())?;
    let mut extras = Extras::default();
    let (end, used) = match &args.input {
        Some(input) => run_contract(&mut *instance, map.as_ref(), args, input, &mut extras)?,
        None => run_export(&mut *instance, map.as_ref(), args, &names, &mut extras)?,
    };
    let engine = format!("{:?}", module.kind());
    if args.output_json {
        let mut report = extras.json;
        report.insert("engine".into(), json!(engine));
        let (outcome, detail) = match &end {
            End::Finished(v) => ("finished", v.clone()),
            End::Reverted(data) => ("reverted", json!({ "data": format!("0x{}", hex(data)) })),
            End::Trapped { kind, pc, places } => ("trapped", trap_json(*kind, *pc, places)),
            End::OutOfGas => ("outOfGas", json!({ "gasLimit": args.gas })),
        };
        report.insert("outcome".into(), json!(outcome));
        report.insert(outcome.into(), detail);
        report.insert("gasUsed".into(), json!(used));
        report.insert("gasLimit".into(), json!(args.gas));
        println!("{}", Json::Object(report));
        return Ok(end.status());
    }
    for (label, text) in &extras.lines {
        println!("{} {text}", heading(label));
    }
    println!("{} {engine}", heading("engine:"));
    match &end {
        End::Finished(v) if args.input.is_some() => {
            println!("{} {}", heading("returned:"), v["data"].as_str().unwrap_or_default());
        }
        End::Finished(v) => {
            let (a0, a1) = (v["a0"].as_u64().unwrap_or(0), v["a1"].as_u64().unwrap_or(0));
            println!(
                "{} a0 = {a0} ({a0:#x}), a1 = {a1} ({a1:#x}), as u64 {}",
                heading("finished:"),
                a1 << 32 | a0
            );
        }
        End::Reverted(data) => println!("{} 0x{}", heading("reverted:"), hex(data)),
        End::Trapped { kind, pc, places } => {
            println!("{} at {pc:#x}: {kind}", heading("trapped:"));
            for line in rivet_debuginfo::describe(places) {
                println!("  {line}");
            }
            if map.is_none() {
                println!(
                    "  (no debug map: `rivet build` writes the ELF beside the blob as {})",
                    DebugMap::path_beside(&args.file).display()
                );
            }
        }
        End::OutOfGas => {
            println!("{} the gas limit of {} ran out", heading("out of gas:"), args.gas);
        }
    }
    println!("{} {used}", heading("gas used:"));
    Ok(end.status())
}
