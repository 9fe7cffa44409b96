// WebGPU in a browser: navigator.gpu, with the same handle as Node's Dawn path.
import { adapterKey, describeAdapter, GpuUnavailableError, requestDeviceWithLimits, type GpuHandle } from './gpu-handle.js';

export const BROWSER_HINT =
  'Use a browser with WebGPU enabled (Chrome or Edge 113+; on Linux start Chrome with --enable-unsafe-webgpu) ' +
  'and serve the page over https or from localhost.';

export async function acquireBrowserGpu(): Promise<GpuHandle> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) throw new GpuUnavailableError(`this browser has no WebGPU (navigator.gpu is missing). ${BROWSER_HINT}`);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new GpuUnavailableError(`WebGPU is present but no adapter was granted. ${BROWSER_HINT}`);
  const device = await requestDeviceWithLimits(adapter);
  return {
    device,
    description: describeAdapter(adapter, 'browser WebGPU'),
    adapterKey: adapterKey(adapter),
    isFallback: adapter.info.isFallbackAdapter ?? false,
    release: () => device.destroy(),
  };
}
