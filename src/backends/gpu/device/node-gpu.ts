// WebGPU in Node through Dawn (the `webgpu` package), Vulkan backend. Order of preference:
// a hardware Vulkan driver; else SwiftShader, the CPU Vulkan driver shipped by Debian's chromium
// package (real WGSL execution, slowly); else GpuUnavailableError saying what to install.
import { existsSync, readdirSync } from 'node:fs';
import { adapterKey, describeAdapter, GpuUnavailableError, requestDeviceWithLimits, type GpuHandle } from './gpu-handle.js';

const SWIFTSHADER_ICDS = ['/usr/lib/chromium/vk_swiftshader_icd.json'];
const HARDWARE_ICD_DIRS = [
  '/usr/share/vulkan/icd.d',
  '/etc/vulkan/icd.d',
  '/usr/local/share/vulkan/icd.d',
];
const EXTRA_HARDWARE_ICDS = ['/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json'];
const VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];

export const INSTALL_HINT =
  'Install a GPU Vulkan driver, or the software path: `apt-get install chromium libvulkan1` ' +
  '(Debian; chromium ships SwiftShader, a CPU Vulkan driver that Landau3D finds by itself).';

export async function acquireNodeGpu(): Promise<GpuHandle> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  if (!VULKAN_LOADERS.some(existsSync) && !process.env.LD_LIBRARY_PATH) {
    throw new GpuUnavailableError(`no Vulkan loader (libvulkan.so.1) on this machine. ${INSTALL_HINT}`);
  }
  const tryAdapter = async (how: string): Promise<GpuHandle | null> => {
    // The instance must outlive the device: Dawn aborts if it is collected while the device works.
    // Dawn rounds timestamps to multiples of 65 536 ns unless told not to; benchmarks want full resolution.
    let instance: GPU | null = create(['disable-dawn-features=timestamp_quantization']);
    const adapter = await instance.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const device = await requestDeviceWithLimits(adapter);
    return {
      device,
      description: describeAdapter(adapter, how),
      adapterKey: adapterKey(adapter),
      isFallback: adapter.info.isFallbackAdapter ?? false,
      release: () => {
        device.destroy();
        instance = null;
      },
    };
  };

  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES) {
    const handle = await tryAdapter('Dawn/Vulkan, driver from VK_ICD_FILENAMES');
    if (handle) return handle;
  } else {
    const hardware = findHardwareIcd();
    if (hardware) {
      if (EXTRA_HARDWARE_ICDS.includes(hardware)) process.env.VK_ICD_FILENAMES = hardware;
      const handle = await tryAdapter('Dawn/Vulkan');
      if (handle) return handle;
    }
  }
  const swiftshader = SWIFTSHADER_ICDS.find(existsSync);
  if (swiftshader) {
    process.env.VK_ICD_FILENAMES = swiftshader;
    const handle = await tryAdapter('Dawn/Vulkan on SwiftShader, CPU');
    if (handle) return handle;
  }
  throw new GpuUnavailableError(`no WebGPU adapter: Dawn found no usable Vulkan driver. ${INSTALL_HINT}`);
}

function findHardwareIcd(): string | undefined {
  for (const dir of HARDWARE_ICD_DIRS) {
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json'))) return dir;
  }
  return EXTRA_HARDWARE_ICDS.find(existsSync);
}
