"use client";
// A button that opens a dialog; the dialog's body is handed a `close` so a form can close it when done.
import { useState } from "react";
import { Button } from "./button";
import { Modal } from "./modal";

type ModalButtonProps = {
  label: string;
  title: string;
  description?: React.ReactNode;
  size?: "md" | "lg";
  children: (close: () => void) => React.ReactNode;
};

export function ModalButton({ label, title, description, size, children }: ModalButtonProps) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal open={open} onClose={close} title={title} description={description} size={size}>
        {children(close)}
      </Modal>
    </>
  );
}
