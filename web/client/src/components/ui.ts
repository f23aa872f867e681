// Page-level UI services for components deep in the tree: confirmations and dialogs.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
}

export interface Ui {
  confirm(req: ConfirmRequest): void;
  openLockSettings(): void;
}

export const UiContext = createContext<Ui>({
  confirm: () => {},
  openLockSettings: () => {},
});

export const useUi = (): Ui => useContext(UiContext);
