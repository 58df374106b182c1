// Deliberately does nothing: it publishes no diagnostics, so the full suite must fail against it.
exports.activate = () => {};
exports.deactivate = () => {};
