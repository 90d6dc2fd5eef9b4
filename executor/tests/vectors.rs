//! Runs the conformance vectors in `tests/vectors/*.vec` (format: `FORMAT.md` there) on
//! every engine, and checks outcome, pc, registers, memory and gas left.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use rivet_executor::asm::{assemble, parse_int};
use rivet_executor::blob::{BlobParts, Export, MemoryLayout};
use rivet_executor::engine::initial_registers;
use rivet_executor::isa::Reg;
use rivet_executor::{Exit, Limits, Outcome, Program, TrapKind};

const CODE_BASE: u32 = 0x10000;

/// One parsed case.
#[derive(Default, Debug)]
struct Case {
    file: String,
    name: String,
    line: usize,
    gas: u64,
    ro: Option<(u32, u32, Vec<u8>)>,
    rw: Option<(u32, u32, Vec<u8>)>,
    stack: u32,
    pre: Vec<(Reg, u32)>,
    code: String,
    /// `outcome` and `resume` lines, in order.
    steps: Vec<Step>,
    post: Vec<(Reg, u32)>,
    mem: Vec<(u32, Vec<u8>)>,
    gas_left: Option<u64>,
}

#[derive(Debug)]
enum Step {
    Expect(Expected),
    Resume(Vec<(Reg, u32)>),
}

#[derive(Debug, PartialEq)]
enum Expected {
    Finished,
    OutOfGas,
    Trap(TrapKind, u32),
    Ecall(u32, u32),
}

fn num(s: &str) -> Result<i64, String> {
    parse_int(s)
}

fn u32_of(s: &str) -> Result<u32, String> {
    let v = num(s)?;
    if !(-(1 << 31)..(1 << 32)).contains(&v) {
        return Err(format!("`{s}` does not fit in 32 bits"));
    }
    Ok(v as u32)
}

fn regs(words: &[&str]) -> Result<Vec<(Reg, u32)>, String> {
    words
        .iter()
        .map(|w| {
            let (r, v) =
                w.split_once('=').ok_or_else(|| format!("expected reg=value, got `{w}`"))?;
            let reg = Reg::parse(r).ok_or_else(|| format!("unknown register `{r}`"))?;
            Ok((reg, u32_of(v)?))
        })
        .collect()
}

fn bytes(s: &str) -> Result<Vec<u8>, String> {
    s.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).map_err(|_| format!("bad byte `{b}`")))
        .collect()
}

/// `BASE SIZE: bytes`
fn region(rest: &str) -> Result<(u32, u32, Vec<u8>), String> {
    let (head, data) = rest.split_once(':').unwrap_or((rest, ""));
    let w: Vec<&str> = head.split_whitespace().collect();
    if w.len() != 2 {
        return Err(format!("expected `BASE SIZE[: bytes]`, got `{rest}`"));
    }
    Ok((u32_of(w[0])?, u32_of(w[1])?, bytes(data)?))
}

fn expected(words: &[&str]) -> Result<Expected, String> {
    let at = |i: usize| -> Result<u32, String> {
        match (words.get(i), words.get(i + 1)) {
            (Some(&"at"), Some(pc)) => u32_of(pc),
            _ => Err(format!("expected `at PC` in `{}`", words.join(" "))),
        }
    };
    Ok(match words {
        ["finished"] => Expected::Finished,
        ["outofgas"] => Expected::OutOfGas,
        ["trap", "unimp", ..] => Expected::Trap(TrapKind::Unimp, at(2)?),
        ["trap", "ebreak", ..] => Expected::Trap(TrapKind::Ebreak, at(2)?),
        ["trap", "memory", addr, ..] => {
            Expected::Trap(TrapKind::InvalidMemoryAccess { addr: u32_of(addr)? }, at(3)?)
        }
        ["trap", "jump", target, ..] => {
            Expected::Trap(TrapKind::InvalidJump { target: u32_of(target)? }, at(3)?)
        }
        ["ecall", n, ..] => Expected::Ecall(u32_of(n)?, at(2)?),
        _ => return Err(format!("unknown outcome `{}`", words.join(" "))),
    })
}

fn parse_file(path: &Path) -> Result<Vec<Case>, String> {
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut cases: Vec<Case> = Vec::new();
    let mut in_code = false;
    for (n, raw) in text.lines().enumerate() {
        let err = |m: String| format!("{file}:{}: {m}", n + 1);
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if in_code {
            if line == "end" {
                in_code = false;
            } else {
                let case = cases.last_mut().unwrap();
                case.code.push_str(line);
                case.code.push('\n');
            }
            continue;
        }
        let (key, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let words: Vec<&str> = rest.split_whitespace().collect();
        if key == "test" {
            cases.push(Case {
                file: file.clone(),
                name: rest.trim().to_string(),
                line: n + 1,
                gas: 10_000,
                stack: 0x1000,
                ..Case::default()
            });
            continue;
        }
        let case = cases.last_mut().ok_or_else(|| err("content before the first `test`".into()))?;
        let r: Result<(), String> = (|| {
            match key {
                "gas" => case.gas = num(rest)? as u64,
                "ro" => case.ro = Some(region(rest)?),
                "rw" => case.rw = Some(region(rest)?),
                "stack" => case.stack = u32_of(rest)?,
                "pre" => case.pre.extend(regs(&words)?),
                "code" => in_code = true,
                "outcome" => case.steps.push(Step::Expect(expected(&words)?)),
                "resume" => case.steps.push(Step::Resume(regs(&words)?)),
                "post" => case.post.extend(regs(&words)?),
                "mem" => {
                    let (addr, data) = rest.split_once(':').ok_or("expected `mem ADDR: bytes`")?;
                    case.mem.push((u32_of(addr.trim())?, bytes(data)?));
                }
                "gas_left" => case.gas_left = Some(num(rest)? as u64),
                _ => return Err(format!("unknown key `{key}`")),
            }
            Ok(())
        })();
        r.map_err(err)?;
    }
    Ok(cases)
}

fn build(case: &Case) -> Result<Program, String> {
    let asm = assemble(&case.code, CODE_BASE).map_err(|e| format!("assembly: {e}"))?;
    let (ro_base, ro_size, ro_data) = case.ro.clone().unwrap_or((0x20000, 0x1000, vec![]));
    let (rw_base, rw_size, rw_data) = case.rw.clone().unwrap_or((0x30000, 0x1000, vec![]));
    let parts = BlobParts {
        layout: MemoryLayout { ro_base, ro_size, rw_base, rw_size, stack_size: case.stack },
        ro_data,
        rw_data,
        code_base: CODE_BASE,
        code: asm.code,
        jump_targets: asm.jump_targets,
        exports: vec![Export { name: "main".into(), address: CODE_BASE }],
        imports: vec![],
    };
    Program::from_bytes(&parts.to_bytes(), &Limits::default()).map_err(|e| format!("blob: {e}"))
}

fn check(case: &Case, program: &Program, engine: &common::Engine) -> Result<(), String> {
    let mut instance = engine.instantiate(program);
    let mut regs = initial_registers();
    for &(r, v) in &case.pre {
        regs[r.index()] = v;
    }
    let mut exit: Exit =
        instance.call_with_registers("main", regs, case.gas).map_err(|e| e.to_string())?;
    let mut expectations = 0;
    for step in &case.steps {
        match step {
            Step::Resume(values) => {
                for &(r, v) in values {
                    instance.set_reg(r, v);
                }
                exit = instance.resume().map_err(|e| format!("resume: {e}"))?;
            }
            Step::Expect(want) => {
                expectations += 1;
                let got = match exit.outcome {
                    Outcome::Finished { .. } => Expected::Finished,
                    Outcome::OutOfGas => Expected::OutOfGas,
                    Outcome::Trap { kind, pc } => Expected::Trap(kind, pc),
                    Outcome::HostCall { number, args } => {
                        let a: Vec<u32> = Reg::ARGS.iter().map(|&r| instance.reg(r)).collect();
                        if a != args {
                            return Err(format!("host call args {args:x?} but registers {a:x?}"));
                        }
                        Expected::Ecall(number, instance.pc())
                    }
                };
                if &got != want {
                    return Err(format!("outcome {got:x?}, expected {want:x?} (exit {exit:x?})"));
                }
            }
        }
    }
    if expectations == 0 {
        return Err("case has no `outcome`".into());
    }
    if let Outcome::Finished { a0, a1 } = exit.outcome {
        if (a0, a1) != (instance.reg(Reg::A0), instance.reg(Reg::A1)) {
            return Err("Finished{a0,a1} disagrees with the registers".into());
        }
    }
    let mut want = regs;
    for &(r, v) in &case.post {
        want[r.index()] = v;
    }
    want[0] = 0;
    let mut problems = Vec::new();
    for (i, &expected) in want.iter().enumerate() {
        let r = Reg::new(i as u32).unwrap();
        if instance.reg(r) != expected {
            problems.push(format!("{r}={:#x} (expected {expected:#x})", instance.reg(r)));
        }
    }
    for (addr, bytes) in &case.mem {
        let mut buf = vec![0; bytes.len()];
        match instance.read_memory(*addr, &mut buf) {
            Ok(()) if &buf == bytes => {}
            Ok(()) => problems.push(format!("mem {addr:#x} = {buf:02x?} (expected {bytes:02x?})")),
            Err(e) => problems.push(format!("mem {addr:#x}: {e}")),
        }
    }
    match case.gas_left {
        Some(g) if g == exit.gas_left => {}
        Some(g) => problems.push(format!("gas_left {} (expected {g})", exit.gas_left)),
        None => problems.push("case has no `gas_left`".into()),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join(", "))
    }
}

fn all_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "vec"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        cases.extend(parse_file(&f).unwrap_or_else(|e| panic!("{e}")));
    }
    cases
}

#[test]
fn conformance_vectors() {
    let cases = all_cases();
    let mut names = BTreeMap::new();
    for c in &cases {
        if let Some(prev) = names.insert((c.file.clone(), c.name.clone()), c.line) {
            panic!("{}: test `{}` defined twice (lines {prev} and {})", c.file, c.name, c.line);
        }
    }
    assert!(cases.len() >= 300, "only {} conformance cases", cases.len());
    let mut failures = Vec::new();
    for engine in common::engines() {
        for case in &cases {
            let result = build(case).and_then(|p| check(case, &p, &engine));
            if let Err(e) = result {
                failures.push(format!(
                    "[{}] {}:{} {}: {e}",
                    engine.name, case.file, case.line, case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn vectors_are_generated_from_this_script() {
    // The gen_*.vec files must be exactly what generate.py's reference model prints.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/generate.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg("--check")
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
