//! `ink::reflect`: what `#[ink::contract]` tells about a contract's entry points at
//! compile time.

/// The constructor whose selector (big-endian) is `ID`.
pub trait DispatchableConstructorInfo<const ID: u32> {
    /// What it returns: `Self` or `Result<Self, Error>`.
    type Output;
    /// Whether it returns a `Result`.
    const IS_RESULT: bool;
    /// Its error type (`&'static ()` for a constructor that cannot fail, as in ink!).
    type Error;
    /// Whether it accepts value.
    const PAYABLE: bool;
    /// Its selector.
    const SELECTOR: [u8; 4];
    /// Its name.
    const LABEL: &'static str;
}

/// A constructor's declared return type, to ask [`ConstructorOutput`] about.
pub struct ConstructorOutputValue<T>(core::marker::PhantomData<fn() -> T>);

/// What a constructor of contract `C` returning `Self` tells about its output.
pub trait ConstructorOutput<C> {
    /// Whether it is a `Result`.
    const IS_RESULT: bool;
    /// Its error type.
    type Error;
}

impl<C> ConstructorOutput<C> for ConstructorOutputValue<C> {
    const IS_RESULT: bool = false;
    type Error = &'static ();
}

impl<C, E> ConstructorOutput<C> for ConstructorOutputValue<Result<C, E>> {
    const IS_RESULT: bool = true;
    type Error = E;
}
