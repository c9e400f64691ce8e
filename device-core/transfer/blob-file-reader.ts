/**
 * tus-js-client's file reader for a Blob in every runtime: its Node build
 * reads only Buffers and streams, its browser build adds Cordova checks we
 * do not need. Slicing a Blob reads nothing until fetch sends the slice.
 */
export const blobFileReader = {
  async openFile(input: Blob) {
    if (!(input instanceof Blob)) throw new Error('material upload source must be a Blob');
    return {
      size: input.size,
      async slice(start: number, end: number) {
        return { value: input.slice(start, end), done: end >= input.size };
      },
      close() {},
    };
  },
};
