#[ink::contract]
mod nothing_stored {
    pub struct NotStorage;
}

fn main() {}
