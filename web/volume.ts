// The 3D view: volume rendering of log₁₀ F on the solver's own GPUDevice. The state (already read
// back for the diagnostics) goes into an N³ r32float texture as u = (log₁₀ F − lo)/(hi − lo), the
// top VOLUME_DECADES decades; shaders/volume_render.wgsl ray-marches it (trilinear by hand, since
// r32float is not filterable) behind an orbit camera built with gl-matrix: drag to orbit, wheel to zoom.
// The image is rendered into an rgba8unorm texture, read back and put on a 2D canvas: headless
// Chromium on SwiftShader cannot present a 'webgpu' canvas (its swap-chain shared image fails and
// takes the device's instance with it), and the copy costs little at this size.
import { mat4 } from 'gl-matrix';
import type { Grid } from '../src/core/grid/grid.js';
import { volumeShaderSource } from './shaders.js';
import { UniformLayout } from '../src/backends/gpu/programs/uniform-layout.js';
import { colour } from './slices.js';

export const VOLUME_DECADES = 5;
/** struct Uniforms of volume_render.wgsl, packed by field name. */
const UNIFORMS = UniformLayout.of(volumeShaderSource, 'Uniforms');
const FORMAT: GPUTextureFormat = 'rgba8unorm';

export class VolumeView {
  private readonly context: CanvasRenderingContext2D;
  private readonly pipeline: GPURenderPipeline;
  private readonly target: GPUTexture;
  private readonly readback: GPUBuffer;
  private readonly bytesPerRow: number;
  /** A render is being read back; `again`: the camera or data changed meanwhile. */
  private inFlight = false;
  private again = false;
  /** Images drawn so far (also in the canvas's data-frames, for tests). */
  frames = 0;
  private readonly uniforms: GPUBuffer;
  private texture: GPUTexture | null = null;
  private bindGroup: GPUBindGroup | null = null;
  private n = 0;
  /** Orbit camera around the box centre: azimuth and elevation (radians), distance in half-box units. */
  yaw = 0.7;
  pitch = 0.45;
  distance = 5.2;
  private pending = false;
  /** log₁₀ F at the ends of the colour map, and the box half-width: for the overlay. */
  private range: { lo: number; hi: number; L: number } | null = null;

  constructor(
    private readonly device: GPUDevice,
    readonly canvas: HTMLCanvasElement,
  ) {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D context for the 3D view');
    this.context = context;
    const format = FORMAT;
    this.target = device.createTexture({
      label: 'volume_target',
      size: [canvas.width, canvas.height],
      format,
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
    });
    this.bytesPerRow = Math.ceil((canvas.width * 4) / 256) * 256;
    this.readback = device.createBuffer({ size: this.bytesPerRow * canvas.height, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const module = device.createShaderModule({ label: 'volume_render', code: volumeShaderSource });
    this.pipeline = device.createRenderPipeline({
      label: 'volume_render',
      layout: 'auto',
      vertex: { module, entryPoint: 'vs_main' },
      fragment: { module, entryPoint: 'fs_main', targets: [{ format }] },
      primitive: { topology: 'triangle-list' },
    });
    this.uniforms = device.createBuffer({ size: UNIFORMS.size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.bindMouse();
  }

  /** Uploads a state (grid order (ix·N + iy)·N + iz) and draws it. */
  update(grid: Grid, f: ArrayLike<number>): void {
    const n = grid.n;
    if (n !== this.n || !this.texture) {
      this.texture?.destroy();
      this.n = n;
      this.texture = this.device.createTexture({
        label: 'volume',
        size: [n, n, n],
        dimension: '3d',
        format: 'r32float',
        usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST,
      });
      this.bindGroup = this.device.createBindGroup({
        layout: this.pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: this.uniforms } },
          { binding: 1, resource: this.texture.createView() },
        ],
      });
    }
    let hi = -Infinity;
    for (let i = 0; i < f.length; i++) hi = Math.max(hi, f[i]!);
    const logHi = Math.log10(Math.max(hi, 1e-300));
    const lo = logHi - VOLUME_DECADES;
    this.range = { lo, hi: logHi, L: grid.L };
    const data = new Float32Array(n * n * n);
    // Texel (x, y, z) = cell (ix, iy, iz); x runs fastest in the texture, iz in the grid.
    grid.forEachCell((c, ix, iy, iz) => {
      const v = f[c]!;
      const u = v > 0 ? (Math.log10(v) - lo) / VOLUME_DECADES : 0;
      data[(iz * n + iy) * n + ix] = Math.min(1, Math.max(0, u));
    });
    this.device.queue.writeTexture({ texture: this.texture }, data, { bytesPerRow: n * 4, rowsPerImage: n }, [n, n, n]);
    this.render();
  }

  /** The camera's view-projection (box [−1, 1]³ = [−L, L]³, v_z up). */
  private viewProjection(): mat4 {
    const eye: [number, number, number] = [
      this.distance * Math.cos(this.pitch) * Math.cos(this.yaw),
      this.distance * Math.cos(this.pitch) * Math.sin(this.yaw),
      this.distance * Math.sin(this.pitch),
    ];
    const view = mat4.lookAt(mat4.create(), eye, [0, 0, 0], [0, 0, 1]);
    const proj = mat4.perspective(mat4.create(), Math.PI / 4, this.canvas.width / this.canvas.height, 0.1, 100);
    return mat4.multiply(mat4.create(), proj, view);
  }

  private inverseViewProjection(): Float32Array {
    return mat4.invert(mat4.create(), this.viewProjection()) as Float32Array;
  }

  /** Canvas pixel of a point of the box (half-box units). */
  private project(p: [number, number, number]): [number, number] {
    const m = this.viewProjection();
    const [x, y, z] = p;
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    const cx = (m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w;
    const cy = (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w;
    return [((cx + 1) / 2) * this.canvas.width, ((1 - cy) / 2) * this.canvas.height];
  }

  /** Axis names at the positive faces with the box's extent, and the colour bar of log₁₀ F. */
  private drawOverlay(): void {
    if (!this.range) return;
    const ctx = this.context;
    const { lo, hi, L } = this.range;
    ctx.font = '11px sans-serif';
    ctx.fillStyle = '#ddd';
    ctx.textAlign = 'center';
    for (const [name, p] of [['v_x', [1.25, -1, -1]], ['v_y', [-1, 1.25, -1]], ['v_z', [-1, -1, 1.25]]] as const) {
      const [x, y] = this.project(p as unknown as [number, number, number]);
      ctx.fillText(name, x, y);
    }
    ctx.textAlign = 'left';
    ctx.fillText(`box [−${L}, ${L}]³`, 6, 14);
    const barX = this.canvas.width - 18;
    const [top, bottom] = [24, this.canvas.height - 24];
    for (let y = top; y <= bottom; y++) {
      const [r, g, b] = colour((bottom - y) / (bottom - top));
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(barX, y, 10, 1);
    }
    ctx.fillStyle = '#ddd';
    ctx.textAlign = 'right';
    ctx.fillText(hi.toFixed(1), barX - 3, top + 8);
    ctx.fillText(lo.toFixed(1), barX - 3, bottom);
    ctx.fillText('log₁₀ F', barX + 10, top - 8);
  }

  /** Renders and shows the image; at most one read-back at a time, the latest request last. */
  render(): void {
    if (!this.bindGroup) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.draw()
      .catch((err: unknown) => console.warn('3D view:', err))
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.render();
        }
      });
  }

  private async draw(): Promise<void> {
    const u = UNIFORMS.pack({ inv_view_proj: this.inverseViewProjection(), params: [this.n, Math.min(160, Math.max(48, 3 * this.n)), 4, 0] });
    this.device.queue.writeBuffer(this.uniforms, 0, u);
    const encoder = this.device.createCommandEncoder({ label: 'volume_render' });
    const pass = encoder.beginRenderPass({
      colorAttachments: [{ view: this.target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
    });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup!);
    pass.draw(3);
    pass.end();
    const { width, height } = this.canvas;
    encoder.copyTextureToBuffer({ texture: this.target }, { buffer: this.readback, bytesPerRow: this.bytesPerRow }, [width, height]);
    this.device.queue.submit([encoder.finish()]);
    await this.readback.mapAsync(GPUMapMode.READ);
    const bytes = new Uint8Array(this.readback.getMappedRange());
    const image = new ImageData(width, height);
    for (let row = 0; row < height; row++) image.data.set(bytes.subarray(row * this.bytesPerRow, row * this.bytesPerRow + width * 4), row * width * 4);
    this.readback.unmap();
    this.context.putImageData(image, 0, 0);
    this.drawOverlay();
    this.frames++;
    this.canvas.dataset.frames = String(this.frames);
  }

  /** One render on the next animation frame, however many camera events come before it. */
  private requestRender(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  private bindMouse(): void {
    const c = this.canvas;
    let drag: { x: number; y: number } | null = null;
    c.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (!drag) return;
      this.yaw -= (e.clientX - drag.x) * 0.01;
      this.pitch = Math.min(1.5, Math.max(-1.5, this.pitch + (e.clientY - drag.y) * 0.01));
      drag = { x: e.clientX, y: e.clientY };
      this.requestRender();
    });
    const end = (e: PointerEvent) => {
      drag = null;
      if (c.hasPointerCapture(e.pointerId)) c.releasePointerCapture(e.pointerId);
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        this.distance = Math.min(12, Math.max(1.8, this.distance * Math.exp(e.deltaY * 0.001)));
        this.requestRender();
      },
      { passive: false },
    );
  }
}
