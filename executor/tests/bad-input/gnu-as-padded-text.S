# What GNU as makes of a short function: `.text` padded with zero bytes to its
# alignment after the last instruction. Rivet's linker must treat them as padding.
# Built with:
#   riscv64-unknown-elf-gcc -march=rv32em -mabi=ilp32e -nostdlib -nostartfiles \
#       -Wl,-T,toolchain/src/link.x -Wl,--emit-relocs -o gnu-as-padded-text.elf gnu-as-padded-text.S
    .text
    .globl main
main:
    li a0, 7
    li a1, 0
    .align 3
    ret
    unimp

    # Rivet's export record: address, name length, name.
    .section .rivet_exports, "a"
    .word main
    .byte 4
    .ascii "main"
