#[ink::contract]
mod c {
    #[ink(storage)]
    pub struct C {}

    impl C {
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {}
        }

        #[ink(message)]
        pub fn static_message() {}
    }
}

fn main() {}
