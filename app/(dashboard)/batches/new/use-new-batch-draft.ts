"use client";

import { useEffect, useState, type RefObject } from "react";
import { clearDraft, loadDraft, saveDraft } from "@/lib/batches/draft";

export const DRAFT_KEY = "atlas-review:new-batch-draft";

type DraftState = {
  clientKey: string;
  text: string;
  label: string;
  productType: string;
  /** The form's initial product type: a draft that only has it is no draft. */
  defaultProductType: string;
  omittedBytes: number | null;
  submittedHashRef: RefObject<string | undefined>;
};

type Restore = {
  setClientKey: (key: string) => void;
  setText: (text: string) => void;
  setLabel: (label: string) => void;
  setProductType: (productType: string) => void;
  setOmittedBytes: (bytes: number) => void;
};

/**
 * The new-batch form's draft in the browser: restored once on mount (nothing the admin pasted,
 * nor the key of a submit in flight, is lost), then saved shortly after every change.
 */
export function useNewBatchDraft({
  productTypes,
  state,
  restore,
}: {
  productTypes: string[];
  state: DraftState;
  restore: Restore;
}) {
  const [restored, setRestored] = useState(false);
  const { clientKey, text, label, productType, defaultProductType, omittedBytes, submittedHashRef } = state;

  useEffect(() => {
    const draft = loadDraft(localStorage, DRAFT_KEY);
    /* eslint-disable react-hooks/set-state-in-effect -- restoring browser storage once on mount */
    if (draft) {
      restore.setClientKey(draft.clientKey);
      submittedHashRef.current = draft.submittedHash;
      if (draft.text) restore.setText(draft.text);
      if (draft.label) restore.setLabel(draft.label);
      if (draft.productType && productTypes.includes(draft.productType))
        restore.setProductType(draft.productType);
      if (draft.textOmittedBytes) restore.setOmittedBytes(draft.textOmittedBytes);
    }
    setRestored(true);
    /* eslint-enable react-hooks/set-state-in-effect */
    // Once on mount: the setters are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [productTypes]);

  useEffect(() => {
    if (!restored) return;
    const timer = setTimeout(() => {
      const untouched = !text && !label && productType === defaultProductType;
      if (untouched && !submittedHashRef.current) clearDraft(localStorage, DRAFT_KEY);
      else
        saveDraft(localStorage, DRAFT_KEY, {
          clientKey,
          text,
          label,
          productType,
          submittedHash: submittedHashRef.current,
          textOmittedBytes: text ? undefined : (omittedBytes ?? undefined),
        });
    }, 300);
    return () => clearTimeout(timer);
  }, [restored, clientKey, text, label, productType, defaultProductType, omittedBytes, submittedHashRef]);
}
