#[ink::contract]
mod c {
    #[ink(storage)]
    pub struct C {}

    impl C {
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {}
        }

        #[ink(mesage)]
        pub fn typo(&self) {}
    }
}

fn main() {}
