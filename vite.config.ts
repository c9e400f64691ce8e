import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The PWA: sources in pwa/, our own Workbox service worker in sw/, built
 * into dist/ at the repo root (the gateway serves it, with SPA fallback).
 */
export default defineConfig({
  root: 'pwa',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      // Registered by pwa/src/lib/register-service-worker.ts with workbox-window.
      injectRegister: false,
      injectManifest: {
        // Icons and the web manifest are added by the plugin itself (manifest icons).
        globPatterns: ['**/*.{html,js,css}'],
        // RxDB + Dexie + ajv make the main chunk large; it must still be precached.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      manifest: {
        name: '通办',
        short_name: '通办',
        description: '没有网络也能查办事指南、填写申请，有网时自动发送。',
        lang: 'zh-CN',
        display: 'standalone',
        orientation: 'portrait',
        start_url: '/',
        scope: '/',
        theme_color: '#c0392b',
        background_color: '#f4f4f2',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
