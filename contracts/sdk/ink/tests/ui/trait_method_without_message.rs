#[ink::trait_definition]
pub trait Flip {
    #[ink(message)]
    fn flip(&mut self);

    fn helper(&self) -> bool;
}

fn main() {}
