// powercat for VS Code: starts `powercat lsp` for the YAML files of a catalog repository.
// The YAML extension (yaml-language-server, for the JSON Schemas named in each file's
// modeline) keeps working beside it: both servers attach to the same files.
import * as path from "path";
import { ExtensionContext, workspace } from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function command(): string {
  const configured = workspace.getConfiguration("powercat").get<string>("path", "powercat");
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  // a relative path (.venv/bin/powercat) is taken from the first workspace folder
  return folder && configured.includes(path.sep) && !path.isAbsolute(configured)
    ? path.join(folder, configured)
    : configured;
}

export async function activate(context: ExtensionContext): Promise<void> {
  const settings = workspace.getConfiguration("powercat");
  const serverOptions: ServerOptions = { command: command(), args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: "**/catalogs/**/*.{yaml,yml}" },
      { scheme: "file", language: "yaml", pattern: "**/records/**/*.{yaml,yml}" },
    ],
    initializationOptions: {
      lang: settings.get<string>("lang", "zh-CN"),
      debounceMs: settings.get<number>("debounceMs", 100),
    },
    synchronize: {
      fileEvents: [
        workspace.createFileSystemWatcher("**/{catalogs,records}/**/*.{yaml,yml}"),
        workspace.createFileSystemWatcher("**/powercat.toml"),
        workspace.createFileSystemWatcher("**/powercat-baseline.json"),
      ],
    },
  };
  client = new LanguageClient("powercat", "powercat", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
