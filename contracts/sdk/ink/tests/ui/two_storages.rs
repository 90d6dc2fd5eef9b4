#[ink::contract]
mod c {
    #[ink(storage)]
    pub struct A {}

    #[ink(storage)]
    pub struct B {}
}

fn main() {}
