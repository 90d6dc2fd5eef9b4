//! Every limit a contract meets, in one place.
//!
//! - **Upload** checks code against [`upload`]: the VM's limits with the code size capped
//!   at `Config::MaxCodeLen`.
//! - **Calls** run stored code under [`call`]: the VM's limits, which do not depend on
//!   `MaxCodeLen`, so a chain that lowers it keeps running every contract stored before
//!   (a call never re-checks stored code against a lower bound). Call-time limits may
//!   only be raised: lowering one could strand stored code unless a migration re-checks
//!   it.
//! - **Each host call** moves at most [`MAX_BUFFER`] bytes, keys of at most
//!   [`MAX_KEY_LEN`] and events of at most [`MAX_EVENT_TOPICS`] topics.
//! - **Each execution** has at most `Config::MaxCallDepth` frames, each an instance of
//!   up to `max_memory` + `max_stack` bytes; [`check`] (the pallet's integrity test)
//!   says whether that fits the client's bound on live instances and [`MEMORY_BUDGET`].
//! - **Each contract** locks at most [`MAX_DELEGATE_DEPENDENCIES`] codes.

use frame_support::traits::Get;
pub use rivet_executor::Limits;
pub use rivet_host_api::{MAX_BUFFER, MAX_EVENT_TOPICS, MAX_KEY_LEN};

use crate::Config;

/// Most codes one contract may lock as delegate dependencies.
pub const MAX_DELEGATE_DEPENDENCIES: u32 = 32;

/// Most guest memory one execution may map at once (every frame's instance at its
/// largest), which a node must be able to give.
pub const MEMORY_BUDGET: u64 = 512 << 20;

/// What a call runs stored code under.
pub fn call() -> Limits {
    Limits::default()
}

/// What upload accepts: the call-time limits, with the code size capped by `MaxCodeLen`.
pub fn upload<T: Config>() -> Limits {
    let call = call();
    Limits { max_code_size: T::MaxCodeLen::get().min(call.max_code_size), ..call }
}

/// Whether the limits fit the node: the deepest call stack within the client's bound on
/// live instances, and its memory within [`MEMORY_BUDGET`].
///
/// # Errors
/// What does not fit.
pub fn check<T: Config>() -> Result<(), alloc::string::String> {
    let depth = T::MaxCallDepth::get();
    let l = call();
    let instance = l.max_memory as u64 + l.max_stack as u64;
    if depth as usize > rivet_runtime_interface::MAX_INSTANCES {
        return Err(alloc::format!(
            "MaxCallDepth {depth} exceeds the client's {} live instances",
            rivet_runtime_interface::MAX_INSTANCES
        ));
    }
    if depth as u64 * instance > MEMORY_BUDGET {
        return Err(alloc::format!(
            "{depth} frames of up to {instance} bytes each exceed the {MEMORY_BUDGET}-byte budget"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::Test;

    #[test]
    fn lowering_max_code_len_leaves_call_limits_alone() {
        assert!(upload::<Test>().max_code_size <= call().max_code_size);
        assert_eq!(upload::<Test>().max_code_size, 128 * 1024, "MaxCodeLen of the mock");
        assert_eq!(Limits { max_code_size: call().max_code_size, ..upload::<Test>() }, call());
    }

    #[test]
    fn the_test_runtime_fits_the_node() {
        assert_eq!(check::<Test>(), Ok(()));
    }
}
