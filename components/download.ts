// Starts a download from the page itself (a Blob link), so the extension needs no
// `downloads` permission. In the panel the link goes into the panel frame's own document
// (an extension page), never into GitHub's DOM, and is removed at once.
export type Download = (fileName: string, text: string, parent: Element) => void;

export const blobDownload: Download = (fileName, text, parent) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
