fn main() {
    let _ = ink::selector_bytes!(flip);
}
