// office-addin-manifest is ESM-only deep down; office-addin-mock needs only this enum from it.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
