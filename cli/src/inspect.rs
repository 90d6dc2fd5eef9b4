//! `rivet inspect`: what is in a program blob.

use std::path::PathBuf;

use clap::Args;
use rivet_executor::blob::page_round;
use rivet_executor::{Limits, Program};

use crate::build::load_program;
use crate::style::heading;

/// Arguments of `rivet inspect`.
#[derive(Args)]
pub struct InspectArgs {
    /// A program blob (`.rvt`) or an RV32E ELF, which is linked first.
    file: PathBuf,
    /// Print the disassembly.
    #[arg(short, long)]
    disassemble: bool,
}

/// Prints sizes, layout, exports, imports and optionally the disassembly.
pub fn inspect(args: &InspectArgs) -> Result<(), String> {
    let (blob, elf_text) = load_program(&args.file)?;
    let program = Program::from_bytes(&blob, &Limits::default()).map_err(|e| e.to_string())?;
    let parts = program.parts();
    let l = program.layout();
    println!("{}", heading(&format!("{}", args.file.display())));
    println!("  blob size       {:>8} bytes", blob.len());
    println!(
        "  code            {:>8} bytes as RV32EM(C), {} instructions",
        parts.code_size(),
        parts.code.len()
    );
    if let Some(text) = elf_text {
        println!("  ELF .text       {:>8} bytes", text);
    }
    println!(
        "  read-only data  {:>8} bytes at {:#010x} ({} initialised)",
        l.ro_size,
        l.ro_base,
        parts.ro_data.len()
    );
    println!(
        "  read-write data {:>8} bytes at {:#010x} ({} initialised)",
        l.rw_size,
        l.rw_base,
        parts.rw_data.len()
    );
    println!(
        "  stack           {:>8} bytes (mapped {} with pages)",
        l.stack_size,
        page_round(l.stack_size)
    );
    println!("  indirect-jump targets {}", parts.jump_targets.len());
    println!("{}", heading("exports"));
    for e in &parts.exports {
        println!("  {:#010x}  {}", e.address, e.name);
    }
    println!("{}", heading("imports"));
    if parts.imports.is_empty() {
        println!("  (none)");
    }
    for i in &parts.imports {
        println!("  {:>4}  {}", i.number, i.name);
    }
    if args.disassemble {
        println!("{}", heading("code"));
        for (i, (ci, addr)) in parts.code.iter().zip(program.addresses()).enumerate() {
            if let Some(e) = parts.exports.iter().find(|e| e.address == *addr) {
                println!("{}:", e.name);
            }
            let mark = if program.is_block_start(i) { '>' } else { ' ' };
            let size = if ci.compressed { "c" } else { " " };
            println!("  {mark}{addr:08x} {size} {}", ci.inst);
        }
    }
    Ok(())
}
