//! `rivet run`: call an export on the recompiler or the interpreter with a small debug
//! host.
//!
//! The debug host answers host function 0, `debug_log(ptr, len)`, by printing the
//! guest's bytes; any other host call ends the run with an error naming it. (The
//! contract host with storage, events and balances comes with the SDK.)

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use rivet_executor::isa::Reg;
use rivet_executor::{Limits, Module, Outcome, Program};

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

/// Runs `export` as a contract call against the mock host.
fn run_contract(
    instance: &mut dyn rivet_executor::Instance,
    args: &RunArgs,
    input: &str,
) -> Result<(), String> {
    let input = parse_hex(input)?;
    let mut host = rivet_mock_host::MockHost::default();
    let out = host.call(instance, &args.export, &input, args.gas).map_err(|e| e.to_string())?;
    let status = if out.reverted { "reverted:" } else { "returned:" };
    println!("{} 0x{}", heading(status), hex(&out.data));
    if let Some(to) = out.terminated {
        println!("{} in favour of 0x{}", heading("terminated"), hex(&to));
    }
    for e in &host.events {
        let topics: Vec<String> = e.topics.iter().map(|t| format!("0x{}", hex(t))).collect();
        println!("{} topics [{}] data 0x{}", heading("event:"), topics.join(", "), hex(&e.data));
    }
    for m in &host.debug_messages {
        println!("{} {m}", heading("debug:"));
    }
    for (k, v) in &host.storage {
        println!("{} 0x{} = 0x{}", heading("storage:"), hex(k), hex(v));
    }
    println!("{} {}", heading("gas used:"), out.gas_used);
    Ok(())
}

fn parse_arg(s: &str) -> Result<u32, String> {
    let v = rivet_executor::asm::parse_int(s)?;
    if !(i32::MIN as i64..=u32::MAX as i64).contains(&v) {
        return Err(format!("argument `{s}` does not fit in 32 bits"));
    }
    Ok(v as u32)
}

/// Runs the export and prints the outcome and gas used.
pub fn run(args: &RunArgs) -> Result<(), String> {
    let (blob, _) = load_program(&args.file)?;
    let program = Program::from_bytes(&blob, &Limits::default()).map_err(|e| e.to_string())?;
    let values = args.args.iter().map(|a| parse_arg(a)).collect::<Result<Vec<_>, _>>()?;
    let names: Vec<_> = program.parts().exports.iter().map(|e| e.name.clone()).collect();
    let module = Module::new(Arc::new(program), args.engine).map_err(|e| e.to_string())?;
    let mut instance = module.instantiate().map_err(|e| e.to_string())?;
    if let Some(input) = &args.input {
        return run_contract(&mut *instance, args, input);
    }
    let mut exit = instance.call(&args.export, &values, args.gas).map_err(|e| {
        format!("cannot call `{}`: {e} (exports: {})", args.export, names.join(", "))
    })?;
    while let Outcome::HostCall { number, args: a } = exit.outcome {
        if number != 0 {
            return Err(format!(
                "host function {number} (args {a:?}) is not provided by the debug host"
            ));
        }
        let mut buf = vec![0; a[1] as usize];
        instance.read_memory(a[0], &mut buf).map_err(|e| format!("debug_log: {e}"))?;
        println!("[guest] {}", String::from_utf8_lossy(&buf));
        instance.set_reg(Reg::A0, 0);
        exit = instance.resume().map_err(|e| e.to_string())?;
    }
    let used = args.gas - exit.gas_left;
    println!("{} {:?}", heading("engine:"), module.kind());
    match exit.outcome {
        Outcome::Finished { a0, a1 } => {
            let wide = ((a1 as u64) << 32) | a0 as u64;
            println!(
                "{} a0 = {a0} ({a0:#x}), a1 = {a1} ({a1:#x}), as u64 {wide}",
                heading("finished:")
            );
        }
        other => println!("{} {other:?}", heading("stopped:")),
    }
    println!("{} {used}", heading("gas used:"));
    Ok(())
}
