// placeholder replaced below
export async function runScenario() { return { passed: 0, failed: 0 }; }
