;;; emacs_eglot_test.el --- the README's Eglot snippet, run in a real Emacs -*- lexical-binding: t -*-
;;
;; Not part of scripts/test.sh (it needs Debian's emacs-nox, elpa-eglot and
;; elpa-markdown-mode); run by hand from the repository root:
;;
;;   BYLINE_BIN=$PWD/target/release/byline emacs --batch -l tests/editors/emacs_eglot_test.el
;;
;; Prints one line per check and "N passed, M failed"; exits 1 on failure.

(package-initialize)
(require 'eglot)
(require 'markdown-mode)
(require 'cl-lib)

(defvar byline-test-binary (or (getenv "BYLINE_BIN") (expand-file-name "target/release/byline")))
(defvar byline-test-passed 0)
(defvar byline-test-failed 0)

;; The README snippet, with the binary's full path. (Its eglot-ensure hooks are left
;; out: eglot-ensure connects from post-command-hook, which batch Emacs never runs;
;; the test calls `eglot' directly instead.)
(add-to-list 'eglot-server-programs
             `((markdown-mode text-mode) . (,byline-test-binary "lsp")))
(setq-default eglot-workspace-configuration
              '(:byline (:checks (:misspelled-name "error"))))

(defun byline-test-wait (what predicate)
  (let ((deadline (+ (float-time) 10)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate) (error "timed out waiting for %s" what))))

(defmacro byline-test-check (name &rest body)
  `(condition-case err
       (progn ,@body
              (setq byline-test-passed (1+ byline-test-passed))
              (princ (format "ok - %s\n" ,name)))
     (error (setq byline-test-failed (1+ byline-test-failed))
            (princ (format "not ok - %s\n    %S\n" ,name err)))))

(defun byline-test-goto (needle nth)
  (goto-char (point-min))
  (search-forward needle nil nil nth)
  (goto-char (match-beginning 0)))

(let* ((dir (make-temp-file "byline-eglot" t))
       (story (expand-file-name "moscow-talks.md" dir)))
  (copy-file "examples/moscow-talks.md" story)
  (find-file story)
  (byline-test-check "eglot connects to byline in markdown-mode"
    (cl-assert (eq major-mode 'markdown-mode))
    (apply #'eglot (eglot--guess-contact))
    (byline-test-wait "the server" (lambda () (eglot-current-server))))
  (byline-test-check "flymake shows both misspelled names, as errors (workspace configuration)"
    (byline-test-wait "2 diagnostics" (lambda () (= 2 (length (flymake-diagnostics)))))
    (dolist (d (flymake-diagnostics))
      (cl-assert (equal (buffer-substring (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) "Gerasimovis"))
      (cl-assert (eq (flymake-diagnostic-type d) 'eglot-error) t)))
  (byline-test-check "hover on Bagheri names Mohammad Bagheri"
    (byline-test-goto "Bagheri" 2)
    (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                  (eglot--TextDocumentPositionParams)))
           (value (plist-get (plist-get hover :contents) :value)))
      (cl-assert (string-match-p "Mohammad Bagheri" value) t)))
  (byline-test-check "the fix-all code action replaces both misspellings"
    (byline-test-goto "Gerasimovis" 1)
    (let* ((range (list :start (eglot--pos-to-lsp-position (point))
                        :end (eglot--pos-to-lsp-position (+ (point) 11))))
           (params (list :textDocument (eglot--TextDocumentIdentifier)
                         :range range
                         :context (list :diagnostics [])))
           (actions (jsonrpc-request (eglot-current-server) :textDocument/codeAction params))
           (fix-all (cl-find-if (lambda (a) (string-prefix-p "Replace all" (plist-get a :title)))
                                actions)))
      (cl-assert fix-all)
      (eglot--apply-workspace-edit (plist-get fix-all :edit))
      ;; Eglot sends didChange from an idle timer, and batch Emacs is never idle.
      (eglot--signal-textDocument/didChange)
      (cl-assert (= 0 (count-matches "Gerasimovis" (point-min) (point-max))))
      (cl-assert (= 2 (count-matches "Gerasimov" (point-min) (point-max))))
      (byline-test-wait "diagnostics to clear" (lambda () (null (flymake-diagnostics))))))
  (byline-test-check "eglot-rename changes all 3 mentions of Bagheri"
    (byline-test-goto "Bagheri" 2)
    (eglot-rename "Baqeri")
    (cl-assert (= 3 (count-matches "Baqeri" (point-min) (point-max))))
    (cl-assert (= 0 (count-matches "Bagheri" (point-min) (point-max)))))
  (ignore-errors (eglot-shutdown (eglot-current-server))))

(princ (format "%d passed, %d failed\n" byline-test-passed byline-test-failed))
(kill-emacs (if (zerop byline-test-failed) 0 1))
