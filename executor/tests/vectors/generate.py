#!/usr/bin/env python3
"""Generates the table-like conformance vectors (gen_*.vec) from an independent
reference model of RV32EM written here in Python, straight from the RISC-V spec.

The hand-written files (no `gen_` prefix) cover control flow, gas, traps and host calls.
Run from anywhere: `python3 executor/tests/vectors/generate.py`; commit the output.
A test (`vectors_are_generated_from_this_script`) checks that the committed files are
exactly what this script prints.
"""
import os
import sys

M = 0xFFFFFFFF
HERE = os.path.dirname(os.path.abspath(__file__))


def s32(x):
    x &= M
    return x - (1 << 32) if x & 0x80000000 else x


def u32(x):
    return x & M


def div(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return M
    if a == -(1 << 31) and b == -1:
        return u32(a)
    q = abs(a) // abs(b)
    return u32(q if (a < 0) == (b < 0) else -q)


def rem(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return u32(a)
    if a == -(1 << 31) and b == -1:
        return 0
    r = abs(a) % abs(b)
    return u32(r if a >= 0 else -r)


R_OPS = {
    "add": lambda a, b: u32(a + b),
    "sub": lambda a, b: u32(a - b),
    "sll": lambda a, b: u32(a << (b & 31)),
    "slt": lambda a, b: int(s32(a) < s32(b)),
    "sltu": lambda a, b: int(u32(a) < u32(b)),
    "xor": lambda a, b: u32(a ^ b),
    "srl": lambda a, b: u32(a) >> (b & 31),
    "sra": lambda a, b: u32(s32(a) >> (b & 31)),
    "or": lambda a, b: u32(a | b),
    "and": lambda a, b: u32(a & b),
    "mul": lambda a, b: u32(a * b),
    "mulh": lambda a, b: u32((s32(a) * s32(b)) >> 32),
    "mulhsu": lambda a, b: u32((s32(a) * u32(b)) >> 32),
    "mulhu": lambda a, b: u32((u32(a) * u32(b)) >> 32),
    "div": div,
    "divu": lambda a, b: M if u32(b) == 0 else u32(a) // u32(b),
    "rem": rem,
    "remu": lambda a, b: u32(a) if u32(b) == 0 else u32(a) % u32(b),
}

I_OPS = {
    "addi": lambda a, i: u32(a + i),
    "slti": lambda a, i: int(s32(a) < i),
    "sltiu": lambda a, i: int(u32(a) < u32(i)),
    "xori": lambda a, i: u32(a ^ i),
    "ori": lambda a, i: u32(a | i),
    "andi": lambda a, i: u32(a & i),
}

SHIFT_OPS = {
    "slli": lambda a, s: u32(a << s),
    "srli": lambda a, s: u32(a) >> s,
    "srai": lambda a, s: u32(s32(a) >> s),
}

# Gas cost table v1 (executor/src/gas.rs): 1 per instruction, except multiplication
# and division, priced from the recompiler's measured cost (BENCHMARKS.md).
COST = {"mul": 3, "mulh": 6, "mulhsu": 6, "mulhu": 6, "div": 10, "divu": 10, "rem": 10, "remu": 10}


def cost(op):
    return COST.get(op, 1)


PAIRS = [
    (0, 0),
    (1, 1),
    (5, 7),
    (7, 5),
    (M, 1),
    (1, M),
    (0x80000000, M),
    (0x80000000, 1),
    (0x7FFFFFFF, 1),
    (0x7FFFFFFF, 0x7FFFFFFF),
    (u32(-7), 3),
    (7, u32(-3)),
    (0x12345678, 0x9ABCDEF0),
    (100, 0),
    (0x80000000, 0),
    (0xDEADBEEF, 32),
    (0xDEADBEEF, 33),
]


def case(name, code, pre=None, post=None, gas_left=None, mem=None, rw=None, outcome="finished", gas=None):
    out = [f"test {name}"]
    if gas is not None:
        out.append(f"  gas {gas}")
    if rw is not None:
        out.append(f"  rw {rw}")
    if pre:
        out.append("  pre " + " ".join(f"{r}={v:#x}" for r, v in pre))
    out.append("  code")
    out += [f"    {line}" for line in code]
    out.append("  end")
    out.append(f"  outcome {outcome}")
    if post:
        out.append("  post " + " ".join(f"{r}={v:#x}" for r, v in post))
    for addr, data in mem or []:
        out.append(f"  mem {addr:#x}: " + " ".join(f"{b:02x}" for b in data))
    out.append(f"  gas_left {gas_left}")
    return "\n".join(out) + "\n"


def alu_reg():
    cases = []
    for op, f in R_OPS.items():
        for i, (a, b) in enumerate(PAIRS):
            cases.append(case(f"{op}_{i}", [f"{op} a2, a0, a1", "ret"], pre=[("a0", a), ("a1", b)],
                              post=[("a2", f(a, b))], gas_left=10000 - cost(op) - 1))
        # Destination aliasing a source.
        a, b = 0x89ABCDEF, 0x13
        cases.append(case(f"{op}_rd_is_rs1", [f"{op} a0, a0, a1", "ret"], pre=[("a0", a), ("a1", b)],
                          post=[("a0", f(a, b))], gas_left=10000 - cost(op) - 1))
        cases.append(case(f"{op}_same_source", [f"{op} a3, a2, a2", "ret"], pre=[("a2", 0xFFFF0001)],
                          post=[("a3", f(0xFFFF0001, 0xFFFF0001))], gas_left=10000 - cost(op) - 1))
    return cases


def alu_imm():
    cases = []
    values = [0, 1, M, 0x80000000, 0x7FFFFFFF, 0x12345678, 0xFFFFF800]
    imms = [0, 1, -1, 2047, -2048, 0x555]
    for op, f in I_OPS.items():
        for i, a in enumerate(values):
            for j, imm in enumerate(imms):
                if (i + j) % 2:  # half the grid keeps the file readable
                    continue
                cases.append(case(f"{op}_{i}_{j}", [f"{op} a1, a0, {imm}", "ret"], pre=[("a0", a)],
                                  post=[("a1", f(a, imm))], gas_left=9998))
    for op, f in SHIFT_OPS.items():
        for i, a in enumerate([0x80000001, 0x7FFFFFFF, 0xDEADBEEF]):
            for s in [0, 1, 4, 16, 31]:
                cases.append(case(f"{op}_{i}_{s}", [f"{op} a1, a0, {s}", "ret"], pre=[("a0", a)],
                                  post=[("a1", f(a, s))], gas_left=9998))
    return cases


def upper():
    cases = []
    for imm in [0, 1, 0x12345, 0x7FFFF, 0x80000, 0xFFFFF]:
        cases.append(case(f"lui_{imm:x}", [f"lui a0, {imm:#x}", "ret"], post=[("a0", u32(imm << 12))], gas_left=9998))
    # AUIPC after n nops: pc = 0x10000 + 4n.
    for n, imm in [(0, 0), (1, 1), (3, 0xFFFFF), (2, 0x80000), (5, 0x7FFFF)]:
        code = ["nop"] * n + [f"auipc a1, {imm:#x}", "ret"]
        cases.append(case(f"auipc_{n}_{imm:x}", code, post=[("a1", u32(0x10000 + 4 * n + (imm << 12)))],
                          gas_left=10000 - (n + 2)))
    # lui + addi with a negative low part (what `li` does).
    for v in [0x12345FFF, 0xFFFFF800, 0x800, 0x80000000]:
        cases.append(case(f"li_{v:x}", [f"li a2, {v:#x}", "ret"], post=[("a2", v)], gas_left=9997))
    return cases


RW = 0x30000
DATA = bytes([0x80, 0x01, 0xFF, 0x7F, 0x00, 0x80, 0x34, 0x12, 0x78, 0x56, 0xEF, 0xBE, 0xAD, 0xDE, 0x11, 0x22])


def load(op, mem, addr):
    n = {"lb": 1, "lbu": 1, "lh": 2, "lhu": 2, "lw": 4}[op]
    v = int.from_bytes(mem[addr - RW: addr - RW + n], "little")
    if op in ("lb", "lh"):
        bits = 8 * n
        if v >> (bits - 1):
            v -= 1 << bits
    return u32(v)


def loads():
    cases = []
    rw = f"{RW:#x} 0x1000: " + " ".join(f"{b:02x}" for b in DATA)
    for op in ["lb", "lbu", "lh", "lhu", "lw"]:
        for off in range(0, 9):
            # base register points 4 past; a negative immediate reaches back.
            for base_delta, imm in [(0, off), (off + 4, -4)]:
                addr = RW + off
                base = RW + base_delta
                name = f"{op}_{off}" + ("_neg" if imm < 0 else "")
                cases.append(case(name, [f"{op} a1, {imm}(a0)", "ret"], rw=rw, pre=[("a0", base)],
                                  post=[("a1", load(op, DATA, addr))], gas_left=9998))
    # The last bytes of the page, and a word ending exactly at the page end.
    cases.append(case("lw_page_end", ["lw a1, 0(a0)", "ret"], pre=[("a0", RW + 0xFFC)], post=[("a1", 0)],
                      gas_left=9998))
    return cases


def stores():
    cases = []
    value = 0xA1B2C3D4
    for op, n in [("sb", 1), ("sh", 2), ("sw", 4)]:
        for off in range(0, 7):
            mem = bytearray(16)
            mem[off: off + n] = (value & ((1 << (8 * n)) - 1)).to_bytes(n, "little")
            cases.append(case(f"{op}_{off}", [f"{op} a1, {off}(a0)", "ret"], pre=[("a0", RW), ("a1", value)],
                              mem=[(RW, bytes(mem))], gas_left=9998))
        # A negative offset from a base past the target.
        mem = bytearray(16)
        mem[3: 3 + n] = (value & ((1 << (8 * n)) - 1)).to_bytes(n, "little")
        cases.append(case(f"{op}_neg", [f"{op} a1, -5(a0)", "ret"], pre=[("a0", RW + 8), ("a1", value)],
                          mem=[(RW, bytes(mem))], gas_left=9998))
    # Store then load back through every width.
    cases.append(case("store_load_roundtrip", ["sw a1, 0(a0)", "lh a2, 2(a0)", "lbu a3, 3(a0)", "lb a4, 3(a0)", "ret"],
                      pre=[("a0", RW), ("a1", 0x8081F2F3)], post=[("a2", 0xFFFF8081), ("a3", 0x80), ("a4", 0xFFFFFF80)],
                      mem=[(RW, bytes([0xF3, 0xF2, 0x81, 0x80]))], gas_left=9995))
    return cases


BRANCHES = {
    "beq": lambda a, b: a == b,
    "bne": lambda a, b: a != b,
    "blt": lambda a, b: s32(a) < s32(b),
    "bge": lambda a, b: s32(a) >= s32(b),
    "bltu": lambda a, b: u32(a) < u32(b),
    "bgeu": lambda a, b: u32(a) >= u32(b),
}


def branches():
    cases = []
    pairs = [(1, 2), (2, 1), (5, 5), (M, 1), (1, M), (0x80000000, 0x7FFFFFFF)]
    for op, f in BRANCHES.items():
        for i, (a, b) in enumerate(pairs):
            taken = f(a, b)
            # Forward: [op] [addi a2] [skip: addi a3, ret]
            cases.append(case(f"{op}_fwd_{i}", [f"{op} a0, a1, skip", "addi a2, zero, 1", "skip:", "addi a3, zero, 2", "ret"],
                              pre=[("a0", a), ("a1", b)],
                              post=[("a3", 2)] + ([] if taken else [("a2", 1)]),
                              gas_left=10000 - (3 if taken else 4)))
            # Backward: [j start] [back: addi a3 9, ret] [start: op] [addi a3 5, ret]
            cases.append(case(f"{op}_back_{i}", ["j start", "back:", "addi a3, zero, 9", "ret", "start:",
                                                  f"{op} a0, a1, back", "addi a3, zero, 5", "ret"],
                              pre=[("a0", a), ("a1", b)], post=[("a3", 9 if taken else 5)], gas_left=9996))
    return cases


def x0():
    cases = []
    for op in R_OPS:
        cases.append(case(f"x0_{op}", [f"{op} zero, a0, a1", "add a2, zero, zero", "ret"],
                          pre=[("a0", 0x1234), ("a1", 7), ("a2", 99)], post=[("a2", 0)], gas_left=10000 - cost(op) - 2))
    for op in I_OPS:
        cases.append(case(f"x0_{op}", [f"{op} zero, a0, 5", "addi a2, zero, 0", "ret"],
                          pre=[("a0", 0x1234), ("a2", 99)], post=[("a2", 0)], gas_left=9997))
    for op in ["lui a0", "auipc a0"]:
        name = op.split()[0]
        cases.append(case(f"x0_{name}", [f"{name} zero, 0x12345", "mv a1, zero", "ret"], pre=[("a1", 5)],
                          post=[("a1", 0)], gas_left=9997))
    for op in ["lb", "lh", "lw", "lbu", "lhu"]:
        cases.append(case(f"x0_{op}", [f"{op} zero, 0(a0)", "mv a1, zero", "ret"], rw=f"{RW:#x} 0x1000: ff ff ff ff",
                          pre=[("a0", RW), ("a1", 5)], post=[("a1", 0)], gas_left=9997))
        # A load into x0 still traps on a bad address.
        cases.append(case(f"x0_{op}_traps", [f"{op} zero, 0(a0)", "ret"], pre=[("a0", 0x50000)],
                          outcome="trap memory 0x50000 at 0x10000", gas_left=9998))
    cases.append(case("x0_jal_is_plain_jump", ["jal zero, next", "next:", "mv a0, zero", "ret"], pre=[("a0", 3)],
                      post=[("a0", 0)], gas_left=9997))
    cases.append(case("x0_as_source_reads_zero", ["mv zero, a0", "add a1, zero, zero", "or a2, zero, a0", "ret"],
                      pre=[("a0", 0xABC)], post=[("a1", 0), ("a2", 0xABC)], gas_left=9996))
    return cases


def main():
    files = {
        "gen_alu_reg.vec": alu_reg(),
        "gen_alu_imm.vec": alu_imm(),
        "gen_upper.vec": upper(),
        "gen_loads.vec": loads(),
        "gen_stores.vec": stores(),
        "gen_branches.vec": branches(),
        "gen_x0.vec": x0(),
    }
    check = "--check" in sys.argv
    stale = []
    for name, cases in files.items():
        text = f"# Generated by generate.py from its reference model; do not edit.\n\n" + "\n".join(cases)
        path = os.path.join(HERE, name)
        if check:
            if not os.path.exists(path) or open(path).read() != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
        print(f"{name}: {len(cases)} cases", file=sys.stderr)
    if stale:
        print("stale generated files: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
