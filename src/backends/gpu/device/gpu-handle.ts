// What a backend needs from WebGPU, however it was obtained (Dawn in Node, navigator.gpu in a browser).
import { UserInputError } from '../../../core/errors/user-input-error.js';

export interface GpuHandle {
  device: GPUDevice;
  /** Adapter name, architecture and driver, for reports. */
  description: string;
  /** The adapter itself (vendor, architecture, device, driver), however it was reached: what tells two adapters apart. */
  adapterKey: string;
  /** True for a software adapter such as SwiftShader. */
  isFallback: boolean;
  /** Destroys the device and lets go of the WebGPU instance. */
  release(): void;
}

export class GpuUnavailableError extends UserInputError {
  override name = 'GpuUnavailableError';
}

/** The adapter's identity from what it says of itself. */
export function adapterKey(adapter: GPUAdapter): string {
  const { vendor, architecture, device, description } = adapter.info;
  return JSON.stringify({ vendor, architecture, device, description });
}

export function describeAdapter(adapter: GPUAdapter, how: string): string {
  const info = adapter.info;
  const parts = [info.description, info.vendor, info.architecture, info.device].filter((s) => s && s.length > 0);
  return `${parts.join(' / ')} (${how})`;
}

/**
 * Device with the adapter's largest buffer limits, so big grids fit where the hardware allows, and
 * with `timestamp-query` where the adapter has it (used by benchmarks only; costs nothing unused).
 */
export async function requestDeviceWithLimits(adapter: GPUAdapter): Promise<GPUDevice> {
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return device;
}
