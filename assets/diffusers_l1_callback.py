"""L1 logging for diffusers video pipelines, with the signals as Timestep Studio defines them.

Relative L1 between consecutive denoising steps: mean|a - b| / mean|b|, for
  latent  the latents x (x after the step against x before it),
  cond    the conditional prediction (the transformer's output for the prompt, before guidance),
  guided  the guided prediction v_uncond + w * (v_cond - v_uncond).

The callback reads three tensors from callback_kwargs: 'latents', 'noise_pred_init' (the
conditional prediction) and 'noise_pred' (the guided one). Stock WanPipeline and
HunyuanVideoPipeline hand a callback only the names in `_callback_tensor_inputs`, and the
conditional prediction is overwritten by guidance. Patch the denoising loop as the articles that
measured Wan2.1 and HunyuanVideo did:

    noise_pred_init = self.transformer(hidden_states=latent_model_input, timestep=timestep,
                                       encoder_hidden_states=prompt_embeds, ...)[0]
    noise_pred = noise_uncond + guidance_scale * (noise_pred_init - noise_uncond)
    ...
    callback_kwargs["noise_pred_init"] = noise_pred_init
    callback_kwargs["noise_pred"] = noise_pred

and add "noise_pred_init" and "noise_pred" to the pipeline's `_callback_tensor_inputs`. Without
the patch only the latent column is filled.

Usage:

    from diffusers_l1_callback import L1Logger
    logger = L1Logger("wan-run.csv")
    frames = pipe(prompt="...", num_inference_steps=50, callback_on_step_end=logger,
                  callback_on_step_end_tensor_inputs=logger.tensor_inputs(pipe)).frames[0]
    logger.close()

The CSV (step,timestep,latent,cond,guided) opens in Timestep Studio: Run tab, Import L1 log..., or
`java -jar timestep-studio.jar plot wan-run.csv --out figures`.
"""
import csv


class L1Logger:
    SIGNALS = (("latent", "latents"), ("cond", "noise_pred_init"), ("guided", "noise_pred"))

    def __init__(self, path):
        self.file = open(path, "w", newline="")
        self.writer = csv.writer(self.file)
        self.writer.writerow(["step", "timestep"] + [name for name, _ in self.SIGNALS])
        self.previous = {}

    def tensor_inputs(self, pipe):
        """The tensors to ask the pipeline for: those of the three it offers."""
        offered = set(getattr(pipe, "_callback_tensor_inputs", ["latents"]))
        return [key for _, key in self.SIGNALS if key in offered]

    @staticmethod
    def relative_l1(current, previous):
        current = current.detach().float()
        previous = previous.detach().float()
        return ((current - previous).abs().mean() / previous.abs().mean()).item()

    def __call__(self, pipe, step, timestep, callback_kwargs):
        row = [step, float(timestep)]
        for name, key in self.SIGNALS:
            tensor = callback_kwargs.get(key)
            before = self.previous.get(name)
            row.append("" if tensor is None or before is None else "%.8g" % self.relative_l1(tensor, before))
            if tensor is not None:
                self.previous[name] = tensor.detach().clone()
        self.writer.writerow(row)
        self.file.flush()
        return callback_kwargs

    def close(self):
        self.file.close()
